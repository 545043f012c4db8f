// name: claims-about-incident
// question: What has everyone said about this incident, including replies?
// description: Claims ABOUT an incident and the claims answering them (denials, replies), up to six steps, with the step depth and the claim each one answers.
// param: incident  incident id
// example: conflictgraph query claims-about-incident --param incident=inc_5ac2f0804875ccbe
MATCH p = (c:Claim)-[:ABOUT*1..6]->(i:Incident {id: $incident})
WITH c, min(length(p)) AS depth
OPTIONAL MATCH (author:Actor {id: c.claimant_id})
OPTIONAL MATCH (c)-[:ABOUT]->(answered:Claim)
RETURN c.id AS claim_id,
       depth,
       author.name AS claimant,
       c.stance AS stance,
       coalesce(toString(c.claim_start), 'unknown') AS date,
       c.quote AS quote,
       answered.id AS answers
ORDER BY depth, CASE WHEN c.claim_start IS NULL THEN 1 ELSE 0 END, c.claim_start, c.id
