// name: disputed-incidents
// question: Which incidents are contested, and who contests them?
// description: Incidents with a claim about them that someone denies: the incident, the claim's author and quote, the denier and the denial.
// example: conflictgraph query disputed-incidents
MATCH (c:Claim)-[:ABOUT]->(i:Incident)
MATCH (d:Claim {stance: 'deny'})-[:ABOUT]->(c)
OPTIONAL MATCH (author:Actor {id: c.claimant_id})
OPTIONAL MATCH (denier:Actor {id: d.claimant_id})
RETURN i.id AS incident_id,
       coalesce(toString(i.event_start), 'unknown') AS start,
       i.incident_type AS type,
       i.summary AS incident,
       author.name AS claimant,
       c.quote AS claim,
       denier.name AS denier,
       d.quote AS denial
ORDER BY CASE WHEN i.event_start IS NULL THEN 1 ELSE 0 END, i.event_start, i.id, d.id
