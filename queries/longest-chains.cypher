// name: longest-chains
// question: Which exchanges of claim and counter-claim run longest?
// description: Claim chains grown from an original claim (one that answers no other claim), the way `conflictgraph chain` grows them: each step is a claim ABOUT the previous one (a reply, a denial) or, after a denial, a counter-accusation by the denier against the accuser (or the body it is PART_OF) in an article the denial appears in. Up to six steps below the original; longest first.
// param: limit  how many chains (default: 10)
// example: conflictgraph query longest-chains --param limit=5
MATCH (root:Claim)
WHERE NOT EXISTS { MATCH (root)-[:ABOUT]->(:Claim) }
  AND EXISTS { MATCH (:Claim)-[:ABOUT]->(root) }
// Six unrolled levels of the walk (Cypher without APOC has no loop over a computed step):
// `frontier` is the last level, `seen` every claim placed so far, `steps` the depth reached.
WITH root, [root] AS seen, [root] AS frontier, 1 AS steps
WITH root, seen, steps,
     reduce(acc = [], x IN frontier | acc
       + [(k:Claim)-[:ABOUT]->(x) WHERE NOT k IN seen AND NOT k IN acc | k]
       + [(x)<-[:MADE]-(:Actor)-[:MADE]->(k:Claim)
          WHERE x.stance = 'deny' AND k.stance = 'accuse' AND NOT k IN seen AND NOT k IN acc
            AND EXISTS { MATCH (dc:Claim {id: x.about_id})
                         WHERE k.target_id = dc.claimant_id
                            OR EXISTS { MATCH (:Actor {id: dc.claimant_id})-[:PART_OF]->(up:Actor)
                                        WHERE up.id = k.target_id } }
            AND EXISTS { MATCH (k)-[:REPORTED_IN]->(:Article)<-[:REPORTED_IN]-(x) }
          | k]) AS found
WITH root, seen + found AS seen, found AS frontier,
     steps + CASE WHEN size(found) > 0 THEN 1 ELSE 0 END AS steps
WITH root, seen, steps,
     reduce(acc = [], x IN frontier | acc
       + [(k:Claim)-[:ABOUT]->(x) WHERE NOT k IN seen AND NOT k IN acc | k]
       + [(x)<-[:MADE]-(:Actor)-[:MADE]->(k:Claim)
          WHERE x.stance = 'deny' AND k.stance = 'accuse' AND NOT k IN seen AND NOT k IN acc
            AND EXISTS { MATCH (dc:Claim {id: x.about_id})
                         WHERE k.target_id = dc.claimant_id
                            OR EXISTS { MATCH (:Actor {id: dc.claimant_id})-[:PART_OF]->(up:Actor)
                                        WHERE up.id = k.target_id } }
            AND EXISTS { MATCH (k)-[:REPORTED_IN]->(:Article)<-[:REPORTED_IN]-(x) }
          | k]) AS found
WITH root, seen + found AS seen, found AS frontier,
     steps + CASE WHEN size(found) > 0 THEN 1 ELSE 0 END AS steps
WITH root, seen, steps,
     reduce(acc = [], x IN frontier | acc
       + [(k:Claim)-[:ABOUT]->(x) WHERE NOT k IN seen AND NOT k IN acc | k]
       + [(x)<-[:MADE]-(:Actor)-[:MADE]->(k:Claim)
          WHERE x.stance = 'deny' AND k.stance = 'accuse' AND NOT k IN seen AND NOT k IN acc
            AND EXISTS { MATCH (dc:Claim {id: x.about_id})
                         WHERE k.target_id = dc.claimant_id
                            OR EXISTS { MATCH (:Actor {id: dc.claimant_id})-[:PART_OF]->(up:Actor)
                                        WHERE up.id = k.target_id } }
            AND EXISTS { MATCH (k)-[:REPORTED_IN]->(:Article)<-[:REPORTED_IN]-(x) }
          | k]) AS found
WITH root, seen + found AS seen, found AS frontier,
     steps + CASE WHEN size(found) > 0 THEN 1 ELSE 0 END AS steps
WITH root, seen, steps,
     reduce(acc = [], x IN frontier | acc
       + [(k:Claim)-[:ABOUT]->(x) WHERE NOT k IN seen AND NOT k IN acc | k]
       + [(x)<-[:MADE]-(:Actor)-[:MADE]->(k:Claim)
          WHERE x.stance = 'deny' AND k.stance = 'accuse' AND NOT k IN seen AND NOT k IN acc
            AND EXISTS { MATCH (dc:Claim {id: x.about_id})
                         WHERE k.target_id = dc.claimant_id
                            OR EXISTS { MATCH (:Actor {id: dc.claimant_id})-[:PART_OF]->(up:Actor)
                                        WHERE up.id = k.target_id } }
            AND EXISTS { MATCH (k)-[:REPORTED_IN]->(:Article)<-[:REPORTED_IN]-(x) }
          | k]) AS found
WITH root, seen + found AS seen, found AS frontier,
     steps + CASE WHEN size(found) > 0 THEN 1 ELSE 0 END AS steps
WITH root, seen, steps,
     reduce(acc = [], x IN frontier | acc
       + [(k:Claim)-[:ABOUT]->(x) WHERE NOT k IN seen AND NOT k IN acc | k]
       + [(x)<-[:MADE]-(:Actor)-[:MADE]->(k:Claim)
          WHERE x.stance = 'deny' AND k.stance = 'accuse' AND NOT k IN seen AND NOT k IN acc
            AND EXISTS { MATCH (dc:Claim {id: x.about_id})
                         WHERE k.target_id = dc.claimant_id
                            OR EXISTS { MATCH (:Actor {id: dc.claimant_id})-[:PART_OF]->(up:Actor)
                                        WHERE up.id = k.target_id } }
            AND EXISTS { MATCH (k)-[:REPORTED_IN]->(:Article)<-[:REPORTED_IN]-(x) }
          | k]) AS found
WITH root, seen + found AS seen, found AS frontier,
     steps + CASE WHEN size(found) > 0 THEN 1 ELSE 0 END AS steps
WITH root, seen, steps,
     reduce(acc = [], x IN frontier | acc
       + [(k:Claim)-[:ABOUT]->(x) WHERE NOT k IN seen AND NOT k IN acc | k]
       + [(x)<-[:MADE]-(:Actor)-[:MADE]->(k:Claim)
          WHERE x.stance = 'deny' AND k.stance = 'accuse' AND NOT k IN seen AND NOT k IN acc
            AND EXISTS { MATCH (dc:Claim {id: x.about_id})
                         WHERE k.target_id = dc.claimant_id
                            OR EXISTS { MATCH (:Actor {id: dc.claimant_id})-[:PART_OF]->(up:Actor)
                                        WHERE up.id = k.target_id } }
            AND EXISTS { MATCH (k)-[:REPORTED_IN]->(:Article)<-[:REPORTED_IN]-(x) }
          | k]) AS found
WITH root, seen + found AS seen, found AS frontier,
     steps + CASE WHEN size(found) > 0 THEN 1 ELSE 0 END AS steps
MATCH (author:Actor {id: root.claimant_id})
RETURN root.id AS root_id,
       author.name AS claimant,
       root.quote AS claim,
       steps,
       size(seen) AS claims
ORDER BY steps DESC, claims DESC, root_id
LIMIT $limit
