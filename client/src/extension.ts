/**
 * The Charter extension: starts the bundled language server over IPC, shows who owns what
 * in the sidebar, and registers the commands. It never parses markdown itself: every
 * answer comes from the server.
 */
import * as vscode from 'vscode';
import {
  LanguageClient,
  TransportKind,
  CloseAction,
  ErrorAction,
  State,
  type LanguageClientOptions,
  type ServerOptions,
  type ErrorHandler,
  type Message,
} from 'vscode-languageclient/node';
import { OwnershipTree } from './ownershipTree';
import { registerCommands } from './commands';
import { OwnershipChangedNotification, SERVER_NODE_ARGS, StatusNotification } from '../../server/src/lsp/protocol';

/** What the extension hands to tests (and to other extensions). */
export interface CharterApi {
  client(): LanguageClient;
  tree: OwnershipTree;
  treeView: vscode.TreeView<unknown>;
  /** Resolves once the server has indexed the workspace. */
  ready(): Promise<void>;
  /** How often the server died and was restarted, and how often the user was told (for tests). */
  crashes(): { restarts: number; messages: number };
}

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<CharterApi> {
  const output = vscode.window.createOutputChannel('Charter', { log: true });
  context.subscriptions.push(output);
  const status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 20);
  status.name = 'Charter';
  status.command = 'workbench.view.extension.charter';
  context.subscriptions.push(status);

  let indexed!: () => void;
  let readyPromise = new Promise<void>((r) => (indexed = r));

  const tree = new OwnershipTree(() => client);
  const treeView = vscode.window.createTreeView('charter.ownership', { treeDataProvider: tree, showCollapseAll: true });
  context.subscriptions.push(treeView, tree);
  tree.onDidChangeUnowned((count) => {
    treeView.badge = count > 0 ? { value: count, tooltip: `${count} unowned decision${count === 1 ? '' : 's'}` } : undefined;
  });

  const crashes = { restarts: 0, messages: 0 };
  const start = async () => {
    client = createClient(context, output, crashes);
    client.onNotification(OwnershipChangedNotification.type, (p) => tree.refresh(p.unownedCount));
    client.onNotification(StatusNotification.type, (p) => {
      status.text = p.state === 'indexing' ? '$(sync~spin) Charter' : `$(checklist) Charter: ${p.documents} docs`;
      status.tooltip = p.state === 'indexing' ? 'Charter is indexing the workspace' : `${p.documents} documents, ${p.problems} problems — click to see who owns what`;
      status.show();
      if (p.state === 'ready') {
        indexed();
        tree.refresh();
      }
    });
    await client.start();
  };

  context.subscriptions.push(
    vscode.commands.registerCommand('charter.restartServer', async () => {
      readyPromise = new Promise<void>((r) => (indexed = r));
      if (client && client.state !== State.Stopped) await client.stop().catch(() => undefined);
      await start();
      output.appendLine('Charter: server restarted');
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => vscode.commands.executeCommand('charter.restartServer')),
    { dispose: () => void client?.stop() },
  );
  registerCommands(context, () => client, tree);
  await start();
  return { client: () => client!, tree, treeView, ready: () => readyPromise, crashes: () => ({ ...crashes }) };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}

function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel, crashes: { restarts: number; messages: number }): LanguageClient {
  const module = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_ARGS] } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_ARGS, '--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'file', pattern: '**/.charter.yaml' },
    ],
    outputChannel: output,
    synchronize: { configurationSection: 'charter' },
    initializationOptions: {
      // The index is persisted here between sessions, for a warm start.
      storagePath: (context.storageUri ?? context.globalStorageUri).fsPath,
      trusted: vscode.workspace.isTrusted,
      // After a quick fix that inserts a section, the server has this command select its prompt.
      selectCommand: 'charter.openItem',
      settings: vscode.workspace.isTrusted ? vscode.workspace.getConfiguration('charter') : {},
    },
    errorHandler: new RestartOnce(output, crashes),
  };
  return new LanguageClient('charter', 'Charter', serverOptions, clientOptions);
}

/**
 * Restarts a server that died, and says so once; after three deaths in three minutes it
 * stops trying and tells the user how to restart it, instead of looping.
 */
class RestartOnce implements ErrorHandler {
  private deaths: number[] = [];

  constructor(
    private readonly output: vscode.OutputChannel,
    /** Shared by every client of the session, so "told once" holds across restarts. */
    private readonly counts: { restarts: number; messages: number },
  ) {}

  error(_error: Error, _message: Message | undefined, count: number | undefined) {
    return { action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown };
  }

  closed() {
    const now = Date.now();
    this.deaths = [...this.deaths.filter((t) => now - t < 3 * 60_000), now];
    if (this.deaths.length > 3) {
      this.counts.messages++;
      void vscode.window
        .showErrorMessage('The Charter server stopped three times in three minutes and was not restarted. See the Charter output for why.', 'Restart Server')
        .then((pick) => {
          if (pick) void vscode.commands.executeCommand('charter.restartServer');
        });
      return { action: CloseAction.DoNotRestart, handled: true };
    }
    this.counts.restarts++;
    if (this.counts.restarts === 1) {
      this.counts.messages++;
      void vscode.window.showWarningMessage('The Charter server stopped unexpectedly and was restarted.');
    }
    this.output.appendLine(`Charter: the server stopped; restarting (${this.deaths.length} in the last three minutes)`);
    return { action: CloseAction.Restart, handled: true };
  }
}
