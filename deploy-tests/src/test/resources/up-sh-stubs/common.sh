# Shared by the stubs of UpScriptTest: every call is appended to $STUB_STATE/transcript ("tool arg arg ...");
# state (namespaces, clusters, built and pushed images) lives in files under $STUB_STATE.
record() { printf '%s\n' "$(basename "$0") $*" >>"$STUB_STATE/transcript"; }
fail() { printf '%s\n' "$*" >&2; printf '%s\n' "FAILED $(basename "$0"): $*" >>"$STUB_STATE/transcript"; exit 1; }
has() { [ -f "$STUB_STATE/$1" ] && grep -qxF -- "$2" "$STUB_STATE/$1"; }
add() { printf '%s\n' "$2" >>"$STUB_STATE/$1"; }
# The namespaces a fresh kind cluster has.
if [ ! -f "$STUB_STATE/namespaces" ]; then printf '%s\n' default kube-system kube-public kube-node-lease >"$STUB_STATE/namespaces"; fi
