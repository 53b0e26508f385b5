-- A Neovim configuration that starts the Activation Lens language server the way a user would
-- (README: "Other editors"), then drives it on the file given on the command line and writes what
-- Neovim saw to $AL_OUT as JSON. Runs headless under test/e2e/nvim/run.mjs; works on Neovim 0.7
-- (Debian 12) and later: vim.lsp.start_client + buf_attach_client, vim.diagnostic.
local cli = assert(os.getenv('AL_CLI'), 'AL_CLI: path of dist/cli.js')
local out = assert(os.getenv('AL_OUT'), 'AL_OUT: where to write the results')
local results = { steps = {} }

local function step(name, value)
  table.insert(results.steps, name)
  results[name] = value
end

local function finish()
  local f = assert(io.open(out, 'w'))
  f:write(vim.fn.json_encode(results))
  f:close()
  vim.cmd('qall!')
end

local function guarded(fn)
  local ok, err = pcall(fn)
  if not ok then
    results.error = tostring(err)
    finish()
  end
end

-- The diagnostics on a line as LSP objects (what code actions get), on old and new Neovim.
local function lsp_diagnostics(buf, lnum)
  if vim.lsp.diagnostic.get_line_diagnostics then return vim.lsp.diagnostic.get_line_diagnostics(buf, lnum) end
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(buf, { lnum = lnum })) do
    local l = d.user_data and d.user_data.lsp or {}
    table.insert(out, vim.tbl_extend('keep', {
      range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } },
      severity = d.severity, message = d.message, source = d.source, code = l.code or d.code,
    }, l))
  end
  return out
end

-- The part a user copies: start the server for Python buffers, with settings.
local client_id
vim.api.nvim_create_autocmd('FileType', {
  pattern = 'python',
  callback = function(args)
    client_id = client_id or vim.lsp.start_client({
      name = 'activation-lens',
      cmd = { 'node', cli, 'server', '--stdio' },
      root_dir = vim.fn.getcwd(),
      -- read once at start (Neovim 0.7 does not offer workspace/configuration); same names as in VS Code
      init_options = { activationLens = { rules = { ACT006 = 'error' } } },
      on_exit = function(code, signal)
        results.server_exit = { code = code, signal = signal }
      end,
    })
    vim.lsp.buf_attach_client(args.buf, client_id)
  end,
})

vim.defer_fn(function()
  guarded(function()
    local buf = vim.api.nvim_get_current_buf()
    step('filetype', vim.bo[buf].filetype)
    local got = vim.wait(30000, function() return #vim.diagnostic.get(buf) > 0 end, 100)
    step('diagnostics_arrived', got)
    -- ACT006 raised to an error by the init_options above
    step('settings_applied', vim.wait(30000, function()
      return #vim.diagnostic.get(buf, { severity = vim.diagnostic.severity.ERROR }) > 0
    end, 100))
    local ds = {}
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      local lsp = d.user_data and d.user_data.lsp or {}
      table.insert(ds, {
        lnum = d.lnum, col = d.col, end_col = d.end_col, severity = d.severity,
        message = d.message, source = d.source,
        code = lsp.code or d.code,
        href = lsp.codeDescription and lsp.codeDescription.href or vim.NIL,
      })
    end
    table.sort(ds, function(a, b) return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col) end)
    step('diagnostics', ds)

    -- hover on F.tanh (line 6, 1-based), as K would ask for it
    vim.api.nvim_win_set_cursor(0, { 6, 10 })
    local params = vim.lsp.util.make_position_params()
    local answers = vim.lsp.buf_request_sync(buf, 'textDocument/hover', params, 20000) or {}
    local hover = vim.NIL
    for _, a in pairs(answers) do
      if a.result and a.result.contents then hover = a.result.contents.value or a.result.contents end
    end
    step('hover', hover)

    -- and the floating window Neovim's own hover command opens
    vim.lsp.buf.hover()
    local float_lines = vim.NIL
    vim.wait(20000, function()
      for _, win in ipairs(vim.api.nvim_list_wins()) do
        if vim.api.nvim_win_get_config(win).relative ~= '' then
          float_lines = vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(win), 0, -1, false)
          return true
        end
      end
      return false
    end, 100)
    step('hover_float', float_lines)

    -- the preferred quick fix for the ACT013 diagnostic under the cursor, applied to the buffer
    local diag
    for _, d in ipairs(lsp_diagnostics(buf, 5)) do
      if d.code == 'ACT013' then diag = d end
    end
    local ca_params = { textDocument = { uri = vim.uri_from_bufnr(buf) }, range = diag.range, context = { diagnostics = { diag } } }
    local ca = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', ca_params, 20000) or {}
    local titles, preferred = {}, nil
    for _, a in pairs(ca) do
      for _, action in ipairs(a.result or {}) do
        table.insert(titles, action.title)
        if action.isPreferred then preferred = preferred or action end
      end
    end
    step('code_actions', titles)
    vim.lsp.util.apply_workspace_edit(preferred.edit, 'utf-16')
    step('line_after_fix', vim.api.nvim_buf_get_lines(buf, 5, 6, false)[1])
    local fixed = vim.wait(30000, function()
      for _, d in ipairs(lsp_diagnostics(buf, 5)) do
        if d.code == 'ACT013' then return false end
      end
      return true
    end, 100)
    step('diagnostic_gone_after_fix', fixed)
    step('diagnostics_after_fix', #vim.diagnostic.get(buf))

    -- the workspace as one project: cross_train.py (not open) feeds the softmax of cross_net.py (not
    -- open) to CrossEntropyLoss; the server publishes that for cross_net.py, related at the loss
    local net_buf = vim.uri_to_bufnr(vim.uri_from_fname(vim.fn.getcwd() .. '/cross_net.py'))
    vim.wait(30000, function() return #vim.diagnostic.get(net_buf) > 0 end, 100)
    local cross = {}
    for _, d in ipairs(vim.diagnostic.get(net_buf)) do
      local l = d.user_data and d.user_data.lsp or {}
      local rel = l.relatedInformation and l.relatedInformation[1]
      table.insert(cross, { lnum = d.lnum, code = l.code or d.code, related = rel and rel.location.uri or vim.NIL })
    end
    step('cross_file', cross)

    -- shutdown + exit, as when Neovim quits
    vim.lsp.stop_client(client_id)
    vim.wait(10000, function() return results.server_exit ~= nil end, 100)
    finish()
  end)
end, 200)

-- never hang: the runner also has a timeout, this writes what was seen so far
vim.defer_fn(function()
  results.error = results.error or 'timed out inside Neovim'
  finish()
end, 120000)
