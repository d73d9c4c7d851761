-- A read-only login for the driver, as examples/crm-postgres/crm-model.json names it. Run it
-- in the crm database as its owner, after crm.sql; choose your own password (and put it in the
-- model).
create role reporting login password 'change-me';
grant usage on schema public to reporting;
grant select on all tables in schema public to reporting;
