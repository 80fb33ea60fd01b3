#!/bin/bash
# Network namespaces for tst_realpeers: one "core" namespace holding a bridge (where the agent captures) and one
# namespace per SIP node, each with a veth into the bridge on 10.77.0.0/24. No namespace has a route anywhere
# else, so no packet can leave them.
#   realpeers-net.sh up PREFIX NODE=ADDRESS...   create PREFIX-core with br0 and PREFIX-NODE with eth0 = ADDRESS/24
#   realpeers-net.sh down PREFIX                 kill what still runs in PREFIX-* namespaces, delete them
set -u
cmd=${1:?up|down}; prefix=${2:?prefix}; shift 2

namespaces() { ip netns list | awk '{print $1}' | grep -E "^${prefix}-" || true; }

case "$cmd" in
up)
  set -e
  core="$prefix-core"
  ip netns add "$core"
  ip -n "$core" link set lo up
  ip -n "$core" link add br0 type bridge stp_state 0 forward_delay 0
  ip -n "$core" link set br0 up
  i=0
  for spec in "$@"; do
    node=${spec%%=*}; addr=${spec#*=}; ns="$prefix-$node"; i=$((i + 1))
    ip netns add "$ns"
    ip -n "$ns" link set lo up
    ip -n "$ns" link add eth0 type veth peer name "p$i" netns "$core"
    ip -n "$ns" addr add "$addr/24" dev eth0
    ip -n "$ns" link set eth0 up
    ip -n "$core" link set "p$i" master br0
    ip -n "$core" link set "p$i" up
  done
  ;;
down)
  for ns in $(namespaces); do
    for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$pid" 2>/dev/null || true; done
  done
  for ns in $(namespaces); do
    for _ in 1 2 3 4 5 6 7 8 9 10; do
      ip netns del "$ns" 2>/dev/null && break
      sleep 0.2
    done
  done
  [ -z "$(namespaces)" ]
  ;;
*) echo "usage: $0 up|down PREFIX [NODE=ADDRESS...]" >&2; exit 2 ;;
esac
