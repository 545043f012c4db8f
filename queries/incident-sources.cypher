// name: incident-sources
// question: Who reported this incident, and how many of the reports are independent?
// description: The articles an incident is REPORTED_IN, oldest first, each flagged when it is a SAME_STORY copy of an earlier report.
// param: incident  incident id
// example: conflictgraph query incident-sources --param incident=inc_5ac2f0804875ccbe
MATCH (i:Incident {id: $incident})-[:REPORTED_IN]->(a:Article)
RETURN a.id AS article_id,
       a.title AS title,
       a.outlet AS outlet,
       a.url AS url,
       toString(a.published) AS published,
       EXISTS {
         MATCH (i)-[:REPORTED_IN]->(b:Article)-[:SAME_STORY]-(a)
         WHERE b.published < a.published OR (b.published = a.published AND b.id < a.id)
       } AS copy_of_earlier
ORDER BY a.published, a.id
