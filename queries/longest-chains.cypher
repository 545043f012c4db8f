// name: longest-chains
// question: Which exchanges of claim and counter-claim run longest?
// description: Claim chains from an original claim (one that answers no other claim): replies via ABOUT, plus a counter-accusation step when a denier accuses the accuser (or the body it is PART_OF) in an article the denial appears in. Longest first.
// param: limit  how many chains (default: 10)
// example: conflictgraph query longest-chains --param limit=5
MATCH (root:Claim)
WHERE NOT EXISTS { MATCH (root)-[:ABOUT]->(:Claim) }
  AND EXISTS { MATCH (:Claim)-[:ABOUT]->(root) }
MATCH p = (root)<-[:ABOUT*1..6]-(reply:Claim)
WITH root, max(length(p)) AS reply_depth, collect(DISTINCT reply) AS replies
CALL (replies) {
  UNWIND replies AS d
  WITH d WHERE d.stance = 'deny' AND d.claimant_id IS NOT NULL
  MATCH (denied:Claim {id: d.about_id})
  MATCH (:Actor {id: d.claimant_id})-[:MADE]->(k:Claim {stance: 'accuse'})
  WHERE (k.target_id = denied.claimant_id
         OR EXISTS { MATCH (:Actor {id: denied.claimant_id})-[:PART_OF]->(up:Actor) WHERE up.id = k.target_id })
    AND EXISTS { MATCH (k)-[:REPORTED_IN]->(:Article)<-[:REPORTED_IN]-(d) }
  RETURN count(DISTINCT k) AS counters
}
MATCH (author:Actor {id: root.claimant_id})
RETURN root.id AS root_id,
       author.name AS claimant,
       root.quote AS claim,
       1 + reply_depth + CASE WHEN counters > 0 THEN 1 ELSE 0 END AS steps,
       size(replies) AS replies,
       counters AS counter_accusations
ORDER BY steps DESC, replies DESC, root_id
LIMIT $limit
