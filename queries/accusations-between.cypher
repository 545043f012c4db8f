// name: accusations-between
// question: Who accused whom of what between two parties, in time order?
// description: Accusations and denials exchanged between two parties (each with the bodies PART_OF it), both directions, ordered by claim date (undated last).
// param: a  first party: name, alias or id
// param: b  second party: name, alias or id
// example: conflictgraph query accusations-between --param a=Azerbaijan --param b=Armenia
MATCH (ta:Actor) WHERE ta.id = $a OR toLower(trim($a)) IN ta.names
MATCH (pa:Actor)-[:PART_OF*0..6]->(ta)
WITH collect(DISTINCT pa.id) AS side_a
MATCH (tb:Actor) WHERE tb.id = $b OR toLower(trim($b)) IN tb.names
MATCH (pb:Actor)-[:PART_OF*0..6]->(tb)
WITH side_a, collect(DISTINCT pb.id) AS side_b
MATCH (speaker:Actor)-[:MADE]->(c:Claim)
WHERE (speaker.id IN side_a OR speaker.id IN side_b) AND c.stance IN ['accuse', 'deny']
OPTIONAL MATCH (c)-[:ABOUT]->(denied:Claim)
WITH side_a, side_b, speaker, c,
     CASE c.stance WHEN 'accuse' THEN c.target_id ELSE denied.claimant_id END AS other_id,
     denied
WHERE other_id IS NOT NULL
  AND ((speaker.id IN side_a AND other_id IN side_b) OR (speaker.id IN side_b AND other_id IN side_a))
MATCH (other:Actor {id: other_id})
OPTIONAL MATCH (c)-[:ABOUT]->(inc:Incident)
RETURN c.id AS claim_id,
       CASE WHEN speaker.id IN side_a THEN 'A→B' ELSE 'B→A' END AS direction,
       coalesce(toString(c.claim_start), 'unknown') AS date,
       speaker.name AS claimant,
       c.stance AS stance,
       other.name AS target,
       coalesce(inc.summary, denied.quote) AS about,
       c.quote AS quote
ORDER BY CASE WHEN c.claim_start IS NULL THEN 1 ELSE 0 END, c.claim_start, c.id
