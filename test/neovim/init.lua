-- Attaches the Charter language server to the buffer of the file given on the command
-- line, waits for its diagnostics, writes what Neovim shows to $CHARTER_OUT, and quits.
-- Works with Neovim 0.7 (Debian bookworm) and later.
local server = os.getenv('CHARTER_SERVER')
local out = os.getenv('CHARTER_OUT')
local root = os.getenv('CHARTER_ROOT')

local function finish(result)
  local f = io.open(out, 'w')
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd('qall!')
end

local id = vim.lsp.start_client({
  name = 'charter',
  cmd = { 'node', '--single-threaded-gc', '--heap-growing-percent=50', server, '--stdio' },
  root_dir = root,
  workspace_folders = { { uri = vim.uri_from_fname(root), name = 'ws' } },
})
if not id then
  finish({ error = 'the client did not start' })
  return
end
vim.lsp.buf_attach_client(0, id)

local ok = vim.wait(20000, function()
  return #vim.diagnostic.get(0) > 0
end, 50)

local shown = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(shown, {
    lnum = d.lnum,
    col = d.col,
    severity = d.severity,
    message = d.message,
    source = d.source,
    code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code),
  })
end
finish({ ok = ok, diagnostics = shown })
