// name: counter-accusations
// question: Who answered an accusation by accusing the accuser back?
// description: A denial followed by an accusation from the denier against the original accuser (or the body it is PART_OF), reported in the same article.
// example: conflictgraph query counter-accusations
MATCH (denier:Actor)-[:MADE]->(d:Claim {stance: 'deny'})-[:ABOUT]->(orig:Claim)
MATCH (accuser:Actor {id: orig.claimant_id})
MATCH (denier)-[:MADE]->(k:Claim {stance: 'accuse'})
WHERE (k.target_id = accuser.id
       OR EXISTS { MATCH (accuser)-[:PART_OF]->(up:Actor) WHERE up.id = k.target_id })
  AND EXISTS { MATCH (k)-[:REPORTED_IN]->(:Article)<-[:REPORTED_IN]-(d) }
MATCH (target:Actor {id: k.target_id})
RETURN accuser.name AS accuser,
       orig.quote AS accusation,
       denier.name AS denier,
       d.quote AS denial,
       target.name AS counter_accused,
       k.quote AS counter_accusation
ORDER BY accuser, denier, k.id
