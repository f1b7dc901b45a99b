# Shared by the bench scripts that time this tree beside an anchor revision in one call, on one
# machine state (this machine's speed drifts within the hour, so only such figures compare).
#
# build_anchor REV DIR: builds wsconform at git revision REV in a worktree under DIR (release,
# its own scratch path) and prints the binary's path. remove_anchor DIR removes the worktree.
build_anchor() {
  local dir
  dir=$(cd "$2" && pwd)  # absolute: the build runs inside the worktree
  git worktree add --detach "$dir/anchor" "$1" >/dev/null 2>&1
  (cd "$dir/anchor" && swift build -c release --product wsconform --scratch-path "$dir/anchor-build" >/dev/null)
  echo "$dir/anchor-build/release/wsconform"
}

remove_anchor() {
  if [ -d "$1/anchor" ]; then git worktree remove --force "$1/anchor" 2>/dev/null || true; fi
}
