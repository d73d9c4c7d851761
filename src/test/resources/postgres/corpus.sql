SELECT date_trunc('day', "sendpilot"."conversations"."last_activity_at") AS "last_activity_at", count(*) AS "count" FROM "sendpilot"."conversations" GROUP BY date_trunc('day', "sendpilot"."conversations"."last_activity_at") ORDER BY date_trunc('day', "sendpilot"."conversations"."last_activity_at") ASC
SELECT date_trunc('week', "sendpilot"."conversations"."last_activity_at") AS "last_activity_at", count(*) AS "count" FROM "sendpilot"."conversations" GROUP BY date_trunc('week', "sendpilot"."conversations"."last_activity_at") ORDER BY date_trunc('week', "sendpilot"."conversations"."last_activity_at") ASC
SELECT date_trunc('month', "sendpilot"."conversations"."last_activity_at") AS "last_activity_at", count(*) AS "count" FROM "sendpilot"."conversations" GROUP BY date_trunc('month', "sendpilot"."conversations"."last_activity_at") ORDER BY date_trunc('month', "sendpilot"."conversations"."last_activity_at") ASC
SELECT date_trunc('quarter', "sendpilot"."conversations"."last_activity_at") AS "last_activity_at", count(*) AS "count" FROM "sendpilot"."conversations" GROUP BY date_trunc('quarter', "sendpilot"."conversations"."last_activity_at") ORDER BY date_trunc('quarter', "sendpilot"."conversations"."last_activity_at") ASC
SELECT date_trunc('year', "sendpilot"."conversations"."last_activity_at") AS "last_activity_at", count(*) AS "count" FROM "sendpilot"."conversations" GROUP BY date_trunc('year', "sendpilot"."conversations"."last_activity_at") ORDER BY date_trunc('year', "sendpilot"."conversations"."last_activity_at") ASC
SELECT date_trunc('day', "sendpilot"."conversations"."created_at") AS "created_at", count(*) AS "count" FROM "sendpilot"."conversations" GROUP BY date_trunc('day', "sendpilot"."conversations"."created_at") ORDER BY date_trunc('day', "sendpilot"."conversations"."created_at") ASC
SELECT date_trunc('week', "sendpilot"."conversations"."created_at") AS "created_at", count(*) AS "count" FROM "sendpilot"."conversations" GROUP BY date_trunc('week', "sendpilot"."conversations"."created_at") ORDER BY date_trunc('week', "sendpilot"."conversations"."created_at") ASC
SELECT date_trunc('month', "sendpilot"."conversations"."created_at") AS "created_at", count(*) AS "count" FROM "sendpilot"."conversations" GROUP BY date_trunc('month', "sendpilot"."conversations"."created_at") ORDER BY date_trunc('month', "sendpilot"."conversations"."created_at") ASC
SELECT date_trunc('quarter', "sendpilot"."conversations"."created_at") AS "created_at", count(*) AS "count" FROM "sendpilot"."conversations" GROUP BY date_trunc('quarter', "sendpilot"."conversations"."created_at") ORDER BY date_trunc('quarter', "sendpilot"."conversations"."created_at") ASC
SELECT date_trunc('year', "sendpilot"."conversations"."created_at") AS "created_at", count(*) AS "count" FROM "sendpilot"."conversations" GROUP BY date_trunc('year', "sendpilot"."conversations"."created_at") ORDER BY date_trunc('year', "sendpilot"."conversations"."created_at") ASC
SELECT date_trunc('day', "sendpilot"."conversations"."updated_at") AS "updated_at", count(*) AS "count" FROM "sendpilot"."conversations" GROUP BY date_trunc('day', "sendpilot"."conversations"."updated_at") ORDER BY date_trunc('day', "sendpilot"."conversations"."updated_at") ASC
SELECT date_trunc('week', "sendpilot"."conversations"."updated_at") AS "updated_at", count(*) AS "count" FROM "sendpilot"."conversations" GROUP BY date_trunc('week', "sendpilot"."conversations"."updated_at") ORDER BY date_trunc('week', "sendpilot"."conversations"."updated_at") ASC
SELECT date_trunc('month', "sendpilot"."conversations"."updated_at") AS "updated_at", count(*) AS "count" FROM "sendpilot"."conversations" GROUP BY date_trunc('month', "sendpilot"."conversations"."updated_at") ORDER BY date_trunc('month', "sendpilot"."conversations"."updated_at") ASC
SELECT date_trunc('quarter', "sendpilot"."conversations"."updated_at") AS "updated_at", count(*) AS "count" FROM "sendpilot"."conversations" GROUP BY date_trunc('quarter', "sendpilot"."conversations"."updated_at") ORDER BY date_trunc('quarter', "sendpilot"."conversations"."updated_at") ASC
SELECT date_trunc('year', "sendpilot"."conversations"."updated_at") AS "updated_at", count(*) AS "count" FROM "sendpilot"."conversations" GROUP BY date_trunc('year', "sendpilot"."conversations"."updated_at") ORDER BY date_trunc('year', "sendpilot"."conversations"."updated_at") ASC
SELECT date_trunc('day', "sendpilot"."conversations"."last_message_sent_at") AS "last_message_sent_at", count(*) AS "count" FROM "sendpilot"."conversations" GROUP BY date_trunc('day', "sendpilot"."conversations"."last_message_sent_at") ORDER BY date_trunc('day', "sendpilot"."conversations"."last_message_sent_at") ASC
SELECT date_trunc('week', "sendpilot"."conversations"."last_message_sent_at") AS "last_message_sent_at", count(*) AS "count" FROM "sendpilot"."conversations" GROUP BY date_trunc('week', "sendpilot"."conversations"."last_message_sent_at") ORDER BY date_trunc('week', "sendpilot"."conversations"."last_message_sent_at") ASC
SELECT date_trunc('month', "sendpilot"."conversations"."last_message_sent_at") AS "last_message_sent_at", count(*) AS "count" FROM "sendpilot"."conversations" GROUP BY date_trunc('month', "sendpilot"."conversations"."last_message_sent_at") ORDER BY date_trunc('month', "sendpilot"."conversations"."last_message_sent_at") ASC
SELECT date_trunc('quarter', "sendpilot"."conversations"."last_message_sent_at") AS "last_message_sent_at", count(*) AS "count" FROM "sendpilot"."conversations" GROUP BY date_trunc('quarter', "sendpilot"."conversations"."last_message_sent_at") ORDER BY date_trunc('quarter', "sendpilot"."conversations"."last_message_sent_at") ASC
SELECT date_trunc('year', "sendpilot"."conversations"."last_message_sent_at") AS "last_message_sent_at", count(*) AS "count" FROM "sendpilot"."conversations" GROUP BY date_trunc('year', "sendpilot"."conversations"."last_message_sent_at") ORDER BY date_trunc('year', "sendpilot"."conversations"."last_message_sent_at") ASC
select extract(year from last_activity_at) as v, count(*) as count from conversations group by 1 order by 1
select extract(year from created_at) as v, count(*) as count from conversations group by 1 order by 1
select date_part('year', last_activity_at) as part, count(*) from conversations group by 1 order by 1
select extract(month from last_activity_at) as v, count(*) as count from conversations group by 1 order by 1
select extract(month from created_at) as v, count(*) as count from conversations group by 1 order by 1
select date_part('month', last_activity_at) as part, count(*) from conversations group by 1 order by 1
select extract(day from last_activity_at) as v, count(*) as count from conversations group by 1 order by 1
select extract(day from created_at) as v, count(*) as count from conversations group by 1 order by 1
select date_part('day', last_activity_at) as part, count(*) from conversations group by 1 order by 1
select extract(hour from last_activity_at) as v, count(*) as count from conversations group by 1 order by 1
select extract(hour from created_at) as v, count(*) as count from conversations group by 1 order by 1
select date_part('hour', last_activity_at) as part, count(*) from conversations group by 1 order by 1
select extract(minute from last_activity_at) as v, count(*) as count from conversations group by 1 order by 1
select extract(minute from created_at) as v, count(*) as count from conversations group by 1 order by 1
select date_part('minute', last_activity_at) as part, count(*) from conversations group by 1 order by 1
select extract(dow from last_activity_at) as dow, count(*) as count from conversations group by 1 order by 1
select extract(dow from created_at) as dow, count(*) as count from conversations group by 1 order by 1
select date_part('dow', last_activity_at) as part, count(*) from conversations group by 1 order by 1
select extract(isodow from last_activity_at) as isodow, count(*) as count from conversations group by 1 order by 1
select extract(isodow from created_at) as isodow, count(*) as count from conversations group by 1 order by 1
select date_part('isodow', last_activity_at) as part, count(*) from conversations group by 1 order by 1
select extract(doy from last_activity_at) as doy, count(*) as count from conversations group by 1 order by 1
select extract(doy from created_at) as doy, count(*) as count from conversations group by 1 order by 1
select date_part('doy', last_activity_at) as part, count(*) from conversations group by 1 order by 1
select extract(quarter from last_activity_at) as v, count(*) as count from conversations group by 1 order by 1
select extract(quarter from created_at) as v, count(*) as count from conversations group by 1 order by 1
select date_part('quarter', last_activity_at) as part, count(*) from conversations group by 1 order by 1
select extract(week from last_activity_at) as v, count(*) as count from conversations group by 1 order by 1
select extract(week from created_at) as v, count(*) as count from conversations group by 1 order by 1
select date_part('week', last_activity_at) as part, count(*) from conversations group by 1 order by 1
SELECT floor(extract(epoch from last_activity_at)/60)*60 AS "time", count(*) AS "value" FROM conversations GROUP BY 1 ORDER BY 1
SELECT floor(extract(epoch from last_activity_at)/300)*300 AS "time", count(*) AS "value" FROM conversations GROUP BY 1 ORDER BY 1
SELECT floor(extract(epoch from last_activity_at)/3600)*3600 AS "time", count(*) AS "value" FROM conversations GROUP BY 1 ORDER BY 1
SELECT floor(extract(epoch from last_activity_at)/86400)*86400 AS "time", count(*) AS "value" FROM conversations GROUP BY 1 ORDER BY 1
SELECT extract(epoch from last_activity_at) AS "time", unread_count AS "value" FROM conversations ORDER BY 1, id
SELECT * FROM conversations WHERE 1=0
select * from conversations limit 0
SELECT * FROM participants WHERE 1=0
select * from participants limit 0
SELECT * FROM sendpilot.conversations WHERE 1=0
select * from sendpilot.conversations limit 0
SELECT * FROM "sendpilot"."participants" WHERE 1=0
select * from "sendpilot"."participants" limit 0
SELECT "sendpilot"."conversations"."id" AS "id", "sendpilot"."conversations"."account_id" AS "account_id", "sendpilot"."conversations"."last_message_content" AS "last_message_content", "sendpilot"."conversations"."last_message_sent_at" AS "last_message_sent_at", "sendpilot"."conversations"."last_message_direction" AS "last_message_direction", "sendpilot"."conversations"."last_activity_at" AS "last_activity_at", "sendpilot"."conversations"."unread_count" AS "unread_count", "sendpilot"."conversations"."created_at" AS "created_at", "sendpilot"."conversations"."updated_at" AS "updated_at" FROM "sendpilot"."conversations" ORDER BY "sendpilot"."conversations"."account_id" ASC, "sendpilot"."conversations"."id" ASC LIMIT 2000
SELECT "sendpilot"."participants"."conversation_id" AS "conversation_id", "sendpilot"."participants"."account_id" AS "account_id", "sendpilot"."participants"."participant_id" AS "participant_id", "sendpilot"."participants"."name" AS "name", "sendpilot"."participants"."profile_url" AS "profile_url" FROM "sendpilot"."participants" ORDER BY 2, 1, 3 LIMIT 2000
select avg(unread_count) as value from conversations
select account_id, avg(unread_count) as value from conversations group by account_id order by account_id
select sum(unread_count) as value from conversations
select account_id, sum(unread_count) as value from conversations group by account_id order by account_id
select min(unread_count) as value from conversations
select account_id, min(unread_count) as value from conversations group by account_id order by account_id
select max(unread_count) as value from conversations
select account_id, max(unread_count) as value from conversations group by account_id order by account_id
select count(unread_count) as value from conversations
select account_id, count(unread_count) as value from conversations group by account_id order by account_id
select count(distinct unread_count) as value from conversations
select account_id, count(distinct unread_count) as value from conversations group by account_id order by account_id
select round(avg(unread_count), 2) as value from conversations
select account_id, round(avg(unread_count), 2) as value from conversations group by account_id order by account_id
select round(avg(unread_count)) as value from conversations
select account_id, round(avg(unread_count)) as value from conversations group by account_id order by account_id
select stddev(unread_count) as value from conversations
select account_id, stddev(unread_count) as value from conversations group by account_id order by account_id
select stddev_samp(unread_count) as value from conversations
select account_id, stddev_samp(unread_count) as value from conversations group by account_id order by account_id
select stddev_pop(unread_count) as value from conversations
select account_id, stddev_pop(unread_count) as value from conversations group by account_id order by account_id
select variance(unread_count) as value from conversations
select account_id, variance(unread_count) as value from conversations group by account_id order by account_id
select var_pop(unread_count) as value from conversations
select account_id, var_pop(unread_count) as value from conversations group by account_id order by account_id
select sum(unread_count) * 1000000000 as value from conversations
select account_id, sum(unread_count) * 1000000000 as value from conversations group by account_id order by account_id
select avg(unread_count) * 100 as value from conversations
select account_id, avg(unread_count) * 100 as value from conversations group by account_id order by account_id
select sum(unread_count)::float / count(*) as value from conversations
select account_id, sum(unread_count)::float / count(*) as value from conversations group by account_id order by account_id
select sum(unread_count) / count(*) as value from conversations
select account_id, sum(unread_count) / count(*) as value from conversations group by account_id order by account_id
select avg(unread_count) filter (where unread_count > 0) as value from conversations
select account_id, avg(unread_count) filter (where unread_count > 0) as value from conversations group by account_id order by account_id
select count(*) filter (where unread_count = 0) as value from conversations
select account_id, count(*) filter (where unread_count = 0) as value from conversations group by account_id order by account_id
select bool_or(unread_count > 3) as value from conversations
select account_id, bool_or(unread_count > 3) as value from conversations group by account_id order by account_id
select bool_and(unread_count >= 0) as value from conversations
select account_id, bool_and(unread_count >= 0) as value from conversations group by account_id order by account_id
select every(unread_count < 100) as value from conversations
select account_id, every(unread_count < 100) as value from conversations group by account_id order by account_id
select account_id, count(*) as count from conversations group by account_id order by count desc, account_id limit 3
select account_id as k, count(*) from conversations group by k order by k nulls first
select account_id, count(*) * 100.0 / sum(count(*)) over () as pct from conversations group by account_id order by account_id
select coalesce(cast(account_id as text), '(none)') as k, count(*) from conversations group by 1 order by 1
select last_message_direction, count(*) as count from conversations group by last_message_direction order by count desc, last_message_direction limit 3
select last_message_direction as k, count(*) from conversations group by k order by k nulls first
select last_message_direction, count(*) * 100.0 / sum(count(*)) over () as pct from conversations group by last_message_direction order by last_message_direction
select coalesce(cast(last_message_direction as text), '(none)') as k, count(*) from conversations group by 1 order by 1
select unread_count, count(*) as count from conversations group by unread_count order by count desc, unread_count limit 3
select unread_count as k, count(*) from conversations group by k order by k nulls first
select unread_count, count(*) * 100.0 / sum(count(*)) over () as pct from conversations group by unread_count order by unread_count
select coalesce(cast(unread_count as text), '(none)') as k, count(*) from conversations group by 1 order by 1
select count(*) from conversations where account_id = 'acc_emea_01'
select id, last_activity_at from conversations where account_id = 'acc_emea_01' order by last_activity_at desc, id limit 5
select date_trunc('day', last_activity_at)::date as day, count(*) from conversations where account_id = 'acc_emea_01' group by 1 order by 1
select last_message_direction, avg(unread_count) from conversations where account_id = 'acc_emea_01' group by 1 order by 1 nulls last
select count(*) from conversations where account_id = 'acc_na_1'
select id, last_activity_at from conversations where account_id = 'acc_na_1' order by last_activity_at desc, id limit 5
select date_trunc('day', last_activity_at)::date as day, count(*) from conversations where account_id = 'acc_na_1' group by 1 order by 1
select last_message_direction, avg(unread_count) from conversations where account_id = 'acc_na_1' group by 1 order by 1 nulls last
select count(*) from conversations where account_id = 'acc_apac_0001'
select id, last_activity_at from conversations where account_id = 'acc_apac_0001' order by last_activity_at desc, id limit 5
select date_trunc('day', last_activity_at)::date as day, count(*) from conversations where account_id = 'acc_apac_0001' group by 1 order by 1
select last_message_direction, avg(unread_count) from conversations where account_id = 'acc_apac_0001' group by 1 order by 1 nulls last
select count(*) from conversations where last_activity_at >= timestamp '2026-12-01 00:00:00' - interval '1 days'
select count(*) from conversations where created_at > timestamp '2026-11-15' - interval '1 day' and created_at < timestamp '2026-11-15'
select count(*) from conversations where last_activity_at >= timestamp '2026-12-01 00:00:00' - interval '7 days'
select count(*) from conversations where created_at > timestamp '2026-11-15' - interval '7 day' and created_at < timestamp '2026-11-15'
select count(*) from conversations where last_activity_at >= timestamp '2026-12-01 00:00:00' - interval '30 days'
select count(*) from conversations where created_at > timestamp '2026-11-15' - interval '30 day' and created_at < timestamp '2026-11-15'
select count(*) from conversations where last_activity_at >= timestamp '2026-12-01 00:00:00' - interval '90 days'
select count(*) from conversations where created_at > timestamp '2026-11-15' - interval '90 day' and created_at < timestamp '2026-11-15'
select count(*) from conversations where last_activity_at >= timestamp '2026-12-01 00:00:00' - interval '365 days'
select count(*) from conversations where created_at > timestamp '2026-11-15' - interval '365 day' and created_at < timestamp '2026-11-15'
select count(*) from conversations where last_activity_at > now() - interval '3650 days'
select count(*) from conversations where last_activity_at < now() + interval '1 year'
select count(*) from conversations where last_activity_at >= current_date - interval '3650' day
select count(*) from conversations where last_activity_at::date between date '2026-10-01' and date '2026-11-30'
select count(*) from conversations where last_activity_at >= date_trunc('month', timestamp '2026-11-20') and last_activity_at < date_trunc('month', timestamp '2026-11-20') + interval '1 month'
select min(last_activity_at + interval '1 day'), max(last_activity_at - interval '2 hours 30 minutes') from conversations
select min(last_activity_at + interval '1 week') from conversations
select id, last_activity_at::date as v from conversations order by id limit 20
select id, unread_count::text as v from conversations order by id limit 20
select id, cast(unread_count as text) as v from conversations order by id limit 20
select id, unread_count::int4 as v from conversations order by id limit 20
select id, unread_count::int8 as v from conversations order by id limit 20
select id, unread_count::float8 as v from conversations order by id limit 20
select id, cast(unread_count as numeric) / 3 as v from conversations order by id limit 20
select id, unread_count / 2 as v from conversations order by id limit 20
select id, unread_count % 3 as v from conversations order by id limit 20
select id, cast(created_at as varchar) as v from conversations order by id limit 20
select id, created_at::text as v from conversations order by id limit 20
select id, cast(unread_count * 1.5 as int) as v from conversations order by id limit 20
select id, cast(unread_count * 0.5 as integer) as v from conversations order by id limit 20
select id, round(unread_count / 3.0, 3) as v from conversations order by id limit 20
select id, abs(unread_count - 2) as v from conversations order by id limit 20
select id, sign(unread_count - 1) as v from conversations order by id limit 20
select id, power(unread_count, 2) as v from conversations order by id limit 20
select id, sqrt(unread_count) as v from conversations order by id limit 20
select id, ceil(unread_count / 2.0) as v from conversations order by id limit 20
select id, floor(unread_count / 2.0) as v from conversations order by id limit 20
select id, unread_count::bigint * 3000000000 as v from conversations order by id limit 20
select id, greatest(unread_count, 2) as v from conversations order by id limit 20
select id, least(unread_count, 2) as v from conversations order by id limit 20
select id, mod(unread_count, 2) as v from conversations order by id limit 20
select participant_id, left(name, 3) as v from participants order by participant_id, conversation_id limit 25
select participant_id, right(name, 4) as v from participants order by participant_id, conversation_id limit 25
select participant_id, left(name, -2) as v from participants order by participant_id, conversation_id limit 25
select participant_id, right(name, -3) as v from participants order by participant_id, conversation_id limit 25
select participant_id, length(name) as v from participants order by participant_id, conversation_id limit 25
select participant_id, char_length(name) as v from participants order by participant_id, conversation_id limit 25
select participant_id, upper(name) as v from participants order by participant_id, conversation_id limit 25
select participant_id, lower(name) as v from participants order by participant_id, conversation_id limit 25
select participant_id, initcap(lower(name)) as v from participants order by participant_id, conversation_id limit 25
select participant_id, split_part(profile_url, '/', 4) as v from participants order by participant_id, conversation_id limit 25
select participant_id, substring(name from 1 for 3) as v from participants order by participant_id, conversation_id limit 25
select participant_id, substring(name, 2, 3) as v from participants order by participant_id, conversation_id limit 25
select participant_id, name || ' <' || account_id || '>' as v from participants order by participant_id, conversation_id limit 25
select participant_id, concat(name, '-', participant_id) as v from participants order by participant_id, conversation_id limit 25
select participant_id, replace(name, ' ', '_') as v from participants order by participant_id, conversation_id limit 25
select participant_id, trim(name) as v from participants order by participant_id, conversation_id limit 25
select participant_id, position(' ' in name) as v from participants order by participant_id, conversation_id limit 25
select participant_id, strpos(name, 'a') as v from participants order by participant_id, conversation_id limit 25
select participant_id, lpad(participant_id, 12, '*') as v from participants order by participant_id, conversation_id limit 25
select participant_id, rpad(left(name, 5), 8, '.') as v from participants order by participant_id, conversation_id limit 25
select participant_id, reverse(name) as v from participants order by participant_id, conversation_id limit 25
select participant_id, md5(name) as v from participants order by participant_id, conversation_id limit 25
select participant_id, ascii(name) as v from participants order by participant_id, conversation_id limit 25
select participant_id, repeat(left(name, 1), 3) as v from participants order by participant_id, conversation_id limit 25
select participant_id, name ilike '%an%' as v from participants order by participant_id, conversation_id limit 25
select participant_id, name like 'A%' as v from participants order by participant_id, conversation_id limit 25
select participant_id, name ~ '^[A-M]' as v from participants order by participant_id, conversation_id limit 25
select participant_id, name ~* '^a' as v from participants order by participant_id, conversation_id limit 25
select participant_id, name !~ 'e' as v from participants order by participant_id, conversation_id limit 25
select participant_id, coalesce(nullif(name, ''), '?') as v from participants order by participant_id, conversation_id limit 25
select participant_id, upper(left(name, 1)) || lower(substring(name from 2)) as v from participants order by participant_id, conversation_id limit 25
select {fn ucase(name)} as u, {fn lcase(name)} as l from participants order by participant_id, conversation_id limit 5
select {fn length(name)} from participants order by participant_id, conversation_id limit 5
select string_agg(distinct account_id, ',' order by account_id) from conversations
select account_id, string_agg(id, ',' order by id) from conversations where unread_count > 3 group by 1 order by 1
select last_message_direction, count(*) as count from conversations group by 1 having count(*) > 10 order by 2 desc
select case when unread_count = 0 then 'read' when unread_count < 3 then 'few' else 'many' end as bucket, count(*) from conversations group by 1 order by 1
select case last_message_direction when 'sent' then 1 when 'received' then 2 else 0 end as d, count(*) from conversations group by 1 order by 1
select count(case when unread_count > 0 then 1 end) as unread, count(*) as total from conversations
select sum(case when last_message_direction = 'received' then 1 else 0 end)::float / count(*) as ratio from conversations
select c.account_id, count(distinct p.participant_id) from conversations c join participants p on p.conversation_id = c.id and p.account_id = c.account_id group by 1 order by 1
select c.id, p.name, co.cnt from conversations c join participants p on p.conversation_id = c.id and p.account_id = c.account_id join (select conversation_id, account_id, count(*) as cnt from participants group by 1, 2) co on co.conversation_id = c.id and co.account_id = c.account_id order by c.id, p.participant_id limit 30
select n, count(*) from (select conversation_id, account_id, count(*) as n from participants group by 1, 2) t group by n order by n
select c.last_message_direction, avg(length(p.name)) from conversations c left join participants p on p.conversation_id = c.id and p.account_id = c.account_id group by 1 order by 1 nulls first
select count(*) from conversations c where exists (select 1 from participants p where p.conversation_id = c.id and p.account_id = c.account_id and p.name like 'A%')
select count(*) from conversations c where c.id in (select conversation_id from participants where name like '%e%')
select count(*) from conversations c where not exists (select 1 from participants p where p.conversation_id = c.id)
select id, account_id, rn from (select id, account_id, row_number() over (partition by account_id order by last_activity_at desc, id) as rn from conversations) t where rn <= 3 order by account_id, rn
select account_id, id, rank() over (partition by account_id order by unread_count desc) as r from conversations order by account_id, r, id limit 40
select account_id, id, dense_rank() over (order by unread_count desc) as r from conversations order by r, id limit 40
select day, n, sum(n) over (order by day) as running from (select last_activity_at::date as day, count(*) as n from conversations group by 1) t order by day
select id, unread_count, avg(unread_count) over (partition by account_id) as a from conversations order by id limit 30
select id, lag(id) over (order by last_activity_at, id) as prev, lead(id) over (order by last_activity_at, id) as next from conversations order by last_activity_at, id limit 30
select id, unread_count - avg(unread_count) over () as diff from conversations order by id limit 20
select account_id, count(*), sum(count(*)) over () as total from conversations group by 1 order by 1
select id, ntile(4) over (order by last_activity_at, id) as q from conversations order by id limit 20
select id, first_value(id) over (partition by account_id order by last_activity_at desc, id) as newest from conversations order by id limit 20
select id, count(*) over (partition by last_message_direction) as c from conversations order by id limit 20
select distinct account_id from conversations order by 1
select distinct last_message_direction from conversations order by 1 nulls last
select count(*) from conversations where last_message_direction is null
select count(*) from conversations where last_message_content is not null and last_message_content <> ''
select account_id, max(last_activity_at) as latest, min(created_at) as first from conversations group by account_id order by account_id
select account_id from conversations group by account_id having sum(unread_count) > 10 order by 1
select count(*) as count, count(distinct account_id) as value, 1 as year from conversations
select id from conversations where unread_count between 2 and 4 order by id limit 10 offset 5
select id from conversations order by last_activity_at desc, id fetch first 10 rows only
select id from conversations where id in ('x', 'y') union all select 'z' order by 1
select account_id from conversations union select account_id from participants order by 1
select account_id from conversations except select 'acc_na_1' order by 1
select 1
select 1 as value, 'a' as text, true as bool
select * from (values (1, 'a'), (2, 'b')) as t(x, y) order by x
select x, count(*) from (values (1), (1), (2)) as t(x) group by x order by x
select count(*) from conversations where last_message_direction in ('sent', 'received')
select count(*) from conversations where coalesce(last_message_direction, 'none') = 'none'
select max(length(last_message_content)) from conversations
select count(*) from conversations where unread_count <> 0
select count(*) from conversations where unread_count != 0
select id from conversations where last_activity_at = (select max(last_activity_at) from conversations) order by id
select date_trunc('hour', last_activity_at) as h, count(*) from conversations where last_activity_at >= timestamp '2026-11-01' group by 1 order by 2 desc, 1 limit 5
select to_char(last_activity_at, 'YYYY-MM') as month, count(*) from conversations group by 1 order by 1
select to_char(created_at, 'YYYY-MM-DD') as day, count(*) from conversations group by 1 order by 1 desc limit 7
select extract(year from created_at) as year, extract(month from created_at) as month, count(*) as count from conversations group by 1, 2 order by 1, 2
select current_database()
select current_schema()
select 7 / 2 as i, 7 % 2 as m, 7 / 2.0 as d, -7 / 2 as n
select cast(2.7 as int), cast(-2.5 as integer), cast(2.5 as int), round(2.5), round(-2.5), trunc(2.7)
select left('abcdef', -2), right('abcdef', -2), initcap('garcía lópez'), length('abc')
select extract(dow from timestamp '2024-02-25 10:00:00'), date_part('dow', date '2024-02-25')
select extract(epoch from timestamp '2024-02-25 10:00:00.123'), extract(second from timestamp '2024-02-25 10:00:12.345')
select cast(timestamp '2024-02-25 10:00:00.120' as varchar), timestamp '2024-02-25 10:00:00'::text
select 'a' || 'b', concat('a', null, 'b'), coalesce(null, 'x'), nullif(1, 1)
select now() > timestamp '2020-01-01', current_date > date '2020-01-01'
select count(*) from conversations where last_activity_at > current_timestamp - interval '3650' day
select percentile_cont(0.5) within group (order by unread_count) from conversations
select percentile_disc(0.5) within group (order by unread_count) from conversations
select max(last_activity_at) - min(last_activity_at) from conversations
select current_date - 7 > date '2020-01-01'
select extract(epoch from max(last_activity_at) - min(last_activity_at)) from conversations
select avg(unread_count) from conversations where account_id = 'acc_emea_01'
select sum(unread_count) from conversations where account_id = 'acc_emea_01'
select max(last_activity_at) from conversations where account_id = 'acc_emea_01'
select count(distinct last_message_direction) from conversations where account_id = 'acc_emea_01'
select stddev(unread_count) from conversations where account_id = 'acc_emea_01'
select min(created_at) from conversations where account_id = 'acc_emea_01'
select date_trunc('day', created_at) as bucket, count(*) as count from conversations where account_id = 'acc_emea_01' group by 1 order by 1
select date_trunc('week', created_at) as bucket, count(*) as count from conversations where account_id = 'acc_emea_01' group by 1 order by 1
select date_trunc('month', created_at) as bucket, count(*) as count from conversations where account_id = 'acc_emea_01' group by 1 order by 1
select date_trunc('quarter', created_at) as bucket, count(*) as count from conversations where account_id = 'acc_emea_01' group by 1 order by 1
select date_trunc('year', created_at) as bucket, count(*) as count from conversations where account_id = 'acc_emea_01' group by 1 order by 1
select avg(unread_count) from conversations where account_id = 'acc_na_1'
select sum(unread_count) from conversations where account_id = 'acc_na_1'
select max(last_activity_at) from conversations where account_id = 'acc_na_1'
select count(distinct last_message_direction) from conversations where account_id = 'acc_na_1'
select stddev(unread_count) from conversations where account_id = 'acc_na_1'
select min(created_at) from conversations where account_id = 'acc_na_1'
select date_trunc('day', created_at) as bucket, count(*) as count from conversations where account_id = 'acc_na_1' group by 1 order by 1
select date_trunc('week', created_at) as bucket, count(*) as count from conversations where account_id = 'acc_na_1' group by 1 order by 1
select date_trunc('month', created_at) as bucket, count(*) as count from conversations where account_id = 'acc_na_1' group by 1 order by 1
select date_trunc('quarter', created_at) as bucket, count(*) as count from conversations where account_id = 'acc_na_1' group by 1 order by 1
select date_trunc('year', created_at) as bucket, count(*) as count from conversations where account_id = 'acc_na_1' group by 1 order by 1
select avg(unread_count) from conversations where account_id = 'acc_apac_0001'
select sum(unread_count) from conversations where account_id = 'acc_apac_0001'
select max(last_activity_at) from conversations where account_id = 'acc_apac_0001'
select count(distinct last_message_direction) from conversations where account_id = 'acc_apac_0001'
select stddev(unread_count) from conversations where account_id = 'acc_apac_0001'
select min(created_at) from conversations where account_id = 'acc_apac_0001'
select date_trunc('day', created_at) as bucket, count(*) as count from conversations where account_id = 'acc_apac_0001' group by 1 order by 1
select date_trunc('week', created_at) as bucket, count(*) as count from conversations where account_id = 'acc_apac_0001' group by 1 order by 1
select date_trunc('month', created_at) as bucket, count(*) as count from conversations where account_id = 'acc_apac_0001' group by 1 order by 1
select date_trunc('quarter', created_at) as bucket, count(*) as count from conversations where account_id = 'acc_apac_0001' group by 1 order by 1
select date_trunc('year', created_at) as bucket, count(*) as count from conversations where account_id = 'acc_apac_0001' group by 1 order by 1
