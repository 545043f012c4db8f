// name: actor-timeline
// question: What happened to, by or around this actor, in event order?
// description: Incidents an actor is involved in (INVOLVES) or that a claim made by or aimed at it is ABOUT, in event-time order (unknown dates last), with the date at its precision.
// param: actor  name, alias or id of the actor ("Baku" finds Azerbaijan)
// param: include_parts  true to count bodies PART_OF the actor too (default: false)
// example: conflictgraph query actor-timeline --param actor=Baku --param include_parts=true
MATCH (top:Actor)
WHERE top.id = $actor OR toLower(trim($actor)) IN top.names
MATCH (a:Actor)-[:PART_OF*0..6]->(top)
WHERE $include_parts OR a = top
WITH collect(DISTINCT a.id) AS ids
MATCH (i:Incident)
WHERE EXISTS { MATCH (i)-[:INVOLVES]->(x:Actor) WHERE x.id IN ids }
   OR EXISTS { MATCH (c:Claim)-[:ABOUT]->(i) WHERE c.claimant_id IN ids OR c.target_id IN ids }
RETURN i.id AS id,
       CASE i.precision
         WHEN 'day' THEN toString(i.event_start)
         WHEN 'month' THEN substring(toString(i.event_start), 0, 7)
         WHEN 'year' THEN toString(i.event_start.year)
         WHEN 'range' THEN
           CASE WHEN i.event_start.month = 1 AND i.event_start.day = 1
                     AND i.event_end.month = 12 AND i.event_end.day = 31
                THEN toString(i.event_start.year) + '/' + toString(i.event_end.year)
                ELSE toString(i.event_start) + '/' + toString(i.event_end) END
         ELSE 'unknown' END AS date,
       i.precision AS precision,
       i.incident_type AS type,
       i.summary AS summary,
       [(i)-[r:INVOLVES]->(x:Actor) WHERE x.id IN ids | x.name + ' (' + r.role + ')'] AS involved_as
ORDER BY CASE WHEN i.event_start IS NULL THEN 1 ELSE 0 END, i.event_start, i.precision_rank, i.id
