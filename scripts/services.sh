#!/usr/bin/env bash
# Makes sure the services the ledger tests use are up on loopback: PostgreSQL on 5432 and
# Redis on 6379. Starts them if installed but stopped; installs them from Debian if absent.
set -euo pipefail

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_install() {
	as_root apt-get update -qq
	DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_port() {
	for _ in $(seq 1 30); do port_open "$1" && return 0; sleep 1; done
	echo "services: nothing answers on 127.0.0.1:$1" >&2
	return 1
}

if ! port_open 5432; then
	command -v pg_ctlcluster >/dev/null || apt_install postgresql
	version=$(ls /etc/postgresql | sort -V | tail -n 1)
	as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start || as_root pg_ctlcluster "$version" main start
	wait_port 5432
fi
# Tests connect as postgres over TCP without a password, to the database "test".
if command -v psql >/dev/null; then
	as_root su postgres -c "psql -tAc \"SELECT 1 FROM pg_database WHERE datname='test'\"" | grep -q 1 ||
		as_root su postgres -c "createdb test" || true
fi
echo "services: PostgreSQL answers on 127.0.0.1:5432"

if ! port_open 6379; then
	command -v redis-server >/dev/null || apt_install redis-server
	mkdir -p /var/lib/redis /var/log/redis 2>/dev/null || true
	redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no \
		--dir /tmp --logfile /tmp/orderflow-redis.log
	wait_port 6379
fi
echo "services: Redis answers on 127.0.0.1:6379"

# Headless Chromium for the tests that use pages as a person does (the approval decision page).
if [ ! -x /usr/bin/chromium ]; then
	apt_install chromium
fi
echo "services: $(/usr/bin/chromium --version 2>/dev/null || echo 'chromium missing')"
