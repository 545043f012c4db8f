// name: incidents-near
// question: What happened within N km of a place?
// description: Incidents whose location lies within a radius of a place, nearest first (needs coordinates on both; distance on the same sphere as the embedded store's radius filter).
// param: place  name, alias or id of the place
// param: km  radius in kilometres (default: 25)
// example: conflictgraph query incidents-near --param place=Baku --param km=25
MATCH (p:Location)
WHERE (p.id = $place OR toLower(trim($place)) IN p.names) AND p.point IS NOT NULL
MATCH (i:Incident)-[:OCCURRED_NEAR]->(l:Location)
WHERE l.point IS NOT NULL
WITH i, l, point.distance(p.point, l.point) / 6378140.0 * 6371.0088 AS km
WHERE km <= $km
WITH i, min(km) AS km, collect(DISTINCT l.name) AS places
RETURN i.id AS id,
       coalesce(toString(i.event_start), 'unknown') AS start,
       i.incident_type AS type,
       i.summary AS summary,
       places,
       round(km, 1) AS distance_km
ORDER BY distance_km, i.id
