// name: most-accused-by-month
// question: Who was accused most, month by month?
// description: Accusations per accused actor and month: the claim's own month when the text dates it, else the month it was first reported (earliest reporting article). Most accused first within each month.
// param: limit  rows per month (default: 5)
// example: conflictgraph query most-accused-by-month --param limit=3
MATCH (c:Claim {stance: 'accuse'})
WHERE c.target_id IS NOT NULL
OPTIONAL MATCH (c)-[:REPORTED_IN]->(ar:Article)
WITH c, min(ar.published) AS first_reported
WITH c, coalesce(c.claim_start, first_reported) AS when
WHERE when IS NOT NULL
MATCH (accused:Actor {id: c.target_id})
WITH substring(toString(when), 0, 7) AS month, accused, count(DISTINCT c) AS accusations
ORDER BY month, accusations DESC, accused.name
WITH month, collect({accused: accused.name, accusations: accusations})[0..$limit] AS top
UNWIND top AS row
RETURN month, row.accused AS accused, row.accusations AS accusations
ORDER BY month, accusations DESC, accused
