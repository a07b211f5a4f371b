# shellcheck shell=bash
# Starts and stops the external services integration tests need: our own processes on free
# loopback ports, never the system instances. Sourced by test.sh, run.sh and bench.sh.
# Exports the connection settings as VMIGRAINS_TEST_* variables for the tests.

SERVICES_DIR=${SERVICES_DIR:-$(mktemp -d /tmp/vmigrains-services.XXXXXX)}
SERVICE_PIDS=()

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

wait_port() { # host port seconds name
  local i
  for ((i = 0; i < $3 * 10; i++)); do
    if (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  echo "[services] $4 did not start listening on $1:$2 within $3 s; see $SERVICES_DIR" >&2
  return 1
}

services_start_redis() {
  local port; port=$(free_port)
  redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize no \
    --dir "$SERVICES_DIR" --logfile "$SERVICES_DIR/redis.log" &
  SERVICE_PIDS+=($!)
  wait_port 127.0.0.1 "$port" 20 redis-server
  export VMIGRAINS_TEST_REDIS="127.0.0.1:$port"
  echo "[services] redis-server on 127.0.0.1:$port" >&2
}

services_start_azurite() {
  local blob queue table
  blob=$(free_port); queue=$(free_port); table=$(free_port)
  mkdir -p "$SERVICES_DIR/azurite"
  azurite --silent --disableTelemetry --loose --skipApiVersionCheck --location "$SERVICES_DIR/azurite" \
    --blobHost 127.0.0.1 --blobPort "$blob" --queueHost 127.0.0.1 --queuePort "$queue" \
    --tableHost 127.0.0.1 --tablePort "$table" >"$SERVICES_DIR/azurite.log" 2>&1 &
  SERVICE_PIDS+=($!)
  wait_port 127.0.0.1 "$table" 60 azurite
  wait_port 127.0.0.1 "$blob" 20 azurite
  # Azurite's well-known development account.
  local key="Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="
  export VMIGRAINS_TEST_AZURE_STORAGE="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$key;BlobEndpoint=http://127.0.0.1:$blob/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$queue/devstoreaccount1;TableEndpoint=http://127.0.0.1:$table/devstoreaccount1;"
  echo "[services] azurite blob:$blob queue:$queue table:$table" >&2
}

services_start_for_tests() {
  services_start_redis
  services_start_azurite
}

services_stop() {
  local pid
  for pid in "${SERVICE_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${SERVICE_PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  SERVICE_PIDS=()
  rm -rf "$SERVICES_DIR"
}
