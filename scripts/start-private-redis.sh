#!/usr/bin/env bash
# When Redis is not running but redis-server is installed, start a private one under .data/
# on the port of REDIS_URL (localhost only). It keeps nothing on disk, like the blog expects.
set -euo pipefail
cd "$(dirname "$0")/.."
url=$(grep -E '^REDIS_URL=' .env 2>/dev/null | cut -d= -f2- || true)
url=${REDIS_URL:-${url:-redis://localhost:6379/0}}
hostport=${url#*://}; hostport=${hostport%%/*}; hostport=${hostport##*@}
host=${hostport%%:*}; port=${hostport##*:}; [ "$port" = "$hostport" ] && port=6379
case "$host" in localhost|127.0.0.1) ;; *) echo "Redis at $host is not local: not starting one."; exit 1 ;; esac
command -v redis-server >/dev/null || { echo "redis-server is not installed: apt-get install -y redis-server"; exit 1; }
mkdir -p .data/redis
redis-server --daemonize yes --bind 127.0.0.1 --port "$port" --save "" --appendonly no \
  --dir "$PWD/.data/redis" --logfile "$PWD/.data/redis/redis.log" --pidfile "$PWD/.data/redis/redis.pid"
echo "Started a private Redis on 127.0.0.1:$port (log: .data/redis/redis.log)"
sleep 0.5
