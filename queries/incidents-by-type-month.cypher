// name: incidents-by-type-month
// question: How does the mix of violence change month by month?
// description: Number of incidents per month and type, for incidents dated to the day or the month (coarser dates cannot be placed in a month).
// example: conflictgraph query incidents-by-type-month
MATCH (i:Incident)
WHERE i.precision IN ['day', 'month']
RETURN substring(toString(i.event_start), 0, 7) AS month,
       i.incident_type AS type,
       count(*) AS incidents
ORDER BY month, incidents DESC, type
