# Sourced by the README's commands (scripts/demo.sh, scripts/test.sh) and by .ci/run: puts a
# supported Node first on PATH for everything they start (npm, npx, Next, vitest, Playwright).
#   - the Node already on PATH when it is NODE_MIN (24.9: server.ts needs shouldUpgradeCallback)
#     or newer;
#   - otherwise, or with USE_PACKAGED_NODE=1, Node NODE_PACKAGE_VERSION (26.12.1) from the npm
#     package node-linux-<arch> (a plain binary, no install script), installed once under .tools/.
# Another Node: put it first on PATH, or set NODE_PACKAGE_VERSION (e.g. 24.22.3) with
# USE_PACKAGED_NODE=1.
NODE_MIN=24.9
NODE_PACKAGE_VERSION="${NODE_PACKAGE_VERSION:-26.12.1}"

# True when the Node on PATH is NODE_MIN or newer.
node_supported() {
  node -e 'const [a, b] = process.versions.node.split(".").map(Number);
    const [x, y] = process.argv[1].split(".").map(Number);
    process.exit(a > x || (a === x && b >= y) ? 0 : 1)' "$NODE_MIN" 2>/dev/null
}

use_packaged_node() {
  local arch package dir
  if ! [[ "$NODE_PACKAGE_VERSION" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
    echo "node: NODE_PACKAGE_VERSION must be a version such as 26.12.1, not '$NODE_PACKAGE_VERSION'" >&2
    return 1
  fi
  case "$(uname -m)" in
    x86_64 | amd64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) echo "node: no packaged Node for $(uname -m); install Node ${NODE_MIN}+ and put it on PATH" >&2; return 1 ;;
  esac
  package="node-linux-${arch}"
  dir="$(pwd)/.tools/node-${NODE_PACKAGE_VERSION}-${arch}"
  if [ ! -x "$dir/node_modules/$package/bin/node" ]; then
    echo "node: installing Node ${NODE_PACKAGE_VERSION} from the npm package ${package} into ${dir#"$(pwd)"/}"
    npm install --prefix "$dir" --no-save --no-package-lock --no-audit --no-fund --ignore-scripts \
      "${package}@${NODE_PACKAGE_VERSION}" >/dev/null ||
      { echo "node: npm could not install ${package}@${NODE_PACKAGE_VERSION}" >&2; rm -rf "$dir"; return 1; }
  fi
  PATH="$dir/node_modules/$package/bin:$PATH"
  export PATH
}

if [ "${USE_PACKAGED_NODE:-0}" = 1 ] || ! node_supported; then
  use_packaged_node || { echo "node: could not install a supported Node" >&2; return 1 2>/dev/null || exit 1; }
fi
echo "node: $(command -v node) $(node --version)"
