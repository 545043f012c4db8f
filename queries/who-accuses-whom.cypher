// name: who-accuses-whom
// question: Which pairs of actors accuse each other, and how often?
// description: The accusation network: accuser, accused, number of accusations (ACCUSES edges), first and last claim date.
// param: min_count  keep pairs with at least this many accusations (default: 1)
// example: conflictgraph query who-accuses-whom --param min_count=2
MATCH (accuser:Actor)-[r:ACCUSES]->(accused:Actor)
OPTIONAL MATCH (c:Claim {id: r.claim_id})
WITH accuser, accused, count(r) AS accusations,
     min(c.claim_start) AS first_dated, max(c.claim_start) AS last_dated
WHERE accusations >= $min_count
RETURN accuser.name AS accuser, accused.name AS accused, accusations,
       toString(first_dated) AS first_dated, toString(last_dated) AS last_dated
ORDER BY accusations DESC, accuser, accused
