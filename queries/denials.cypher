// name: denials
// question: Which claims were denied, by whom, and what exactly did they deny?
// description: Every denial with the claim it denies: denier, denial quote and date, the denied claim's author, stance and quote, and the incidents the denied claim is about.
// example: conflictgraph query denials
MATCH (denier:Actor)-[:MADE]->(d:Claim {stance: 'deny'})-[:ABOUT]->(denied:Claim)
OPTIONAL MATCH (author:Actor {id: denied.claimant_id})
RETURN d.id AS denial_id,
       denier.name AS denier,
       coalesce(toString(d.claim_start), 'unknown') AS date,
       d.quote AS denial,
       author.name AS denied_author,
       denied.id AS denied_id,
       denied.stance AS denied_stance,
       denied.quote AS denied_claim,
       [(denied)-[:ABOUT]->(inc:Incident) | inc.summary] AS incidents
ORDER BY CASE WHEN d.claim_start IS NULL THEN 1 ELSE 0 END, d.claim_start, d.id, denied.id
