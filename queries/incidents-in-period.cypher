// name: incidents-in-period
// question: What happened between two dates, counting partial dates that overlap the period?
// description: Incidents whose event interval overlaps [since, until] (an incident dated '2023-09' overlaps any period touching September 2023); undated incidents never match. Event-time order.
// param: since  first day, a date string YYYY-MM-DD
// param: until  last day, a date string YYYY-MM-DD
// example: conflictgraph query incidents-in-period --param since=2023-09-01 --param until=2023-09-30
MATCH (i:Incident)
WHERE i.event_start IS NOT NULL
  AND i.event_end >= date($since) AND i.event_start <= date($until)
RETURN i.id AS id,
       toString(i.event_start) AS start,
       toString(i.event_end) AS end,
       i.precision AS precision,
       i.incident_type AS type,
       i.summary AS summary
ORDER BY i.event_start, i.precision_rank, i.id
