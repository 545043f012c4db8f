// name: uncorroborated-claims
// question: Which accusations and statements rest on one source and one voice?
// description: Accusations and assertions about an incident reported by a single independent article (articles linked SAME_STORY to an earlier one do not count) and echoed by no other claimant with the same stance about the same incident.
// example: conflictgraph query uncorroborated-claims
MATCH (author:Actor)-[:MADE]->(c:Claim)-[:ABOUT]->(i:Incident)
WHERE c.stance IN ['accuse', 'assert']
CALL (c) {
  MATCH (c)-[:REPORTED_IN]->(a:Article)
  WHERE NOT EXISTS {
    MATCH (c)-[:REPORTED_IN]->(b:Article)-[:SAME_STORY]-(a)
    WHERE b.published < a.published OR (b.published = a.published AND b.id < a.id)
  }
  RETURN count(DISTINCT a) AS independent
}
WITH author, c, i, independent
WHERE independent <= 1
  AND NOT EXISTS {
    MATCH (other:Claim)-[:ABOUT]->(i)
    WHERE other.stance = c.stance AND other.claimant_id <> c.claimant_id
  }
RETURN c.id AS claim_id,
       author.name AS claimant,
       c.stance AS stance,
       c.quote AS quote,
       i.summary AS incident,
       independent AS independent_sources
ORDER BY CASE WHEN c.claim_start IS NULL THEN 1 ELSE 0 END, c.claim_start, c.id
