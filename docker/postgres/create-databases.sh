#!/usr/bin/env bash
# One PostgreSQL database per service, named in POSTGRES_DATABASES (comma-separated) and owned by
# POSTGRES_USER. The postgres image runs this once, when its data volume is first initialised
# (/docker-entrypoint-initdb.d); a service added later needs `docker compose down -v` or a manual
# CREATE DATABASE. Names are quoted identifiers: "user" and "order" are reserved words in SQL.
set -eo pipefail

IFS=',' read -ra databases <<< "${POSTGRES_DATABASES:-}"
for db in "${databases[@]}"; do
  db="${db//[[:space:]]/}"
  [ -n "$db" ] || continue
  echo "create-databases: $db"
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres -v db="$db" <<'SQL'
SELECT format('CREATE DATABASE %I OWNER %I', :'db', current_user)
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db')
\gexec
SQL
done
