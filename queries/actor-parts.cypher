// name: actor-parts
// question: Which bodies belong to this actor, and which speak the most?
// description: Every actor PART_OF the given one (transitively), with how many claims each made and how many accusations each received.
// param: actor  name, alias or id
// example: conflictgraph query actor-parts --param actor=Azerbaijan
MATCH (top:Actor)
WHERE top.id = $actor OR toLower(trim($actor)) IN top.names
MATCH p = (part:Actor)-[:PART_OF*1..6]->(top)
WITH part, min(length(p)) AS levels
RETURN part.id AS id,
       part.name AS name,
       part.actor_kind AS kind,
       levels,
       COUNT { (part)-[:MADE]->(:Claim) } AS claims_made,
       COUNT { ()-[:ACCUSES]->(part) } AS accusations_received
ORDER BY levels, name
