/**
 * Entry of the Charter language server (dist/server.js): one server over the real file
 * system, on the connection the client chose (`--stdio`, `--node-ipc` or `--socket=N`).
 * Everything else is in lsp/createServer.ts.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createServer } from './createServer';
import { nodeHost } from '../node/nodeHost';

const connection = createConnection(ProposedFeatures.all);

// A bug must never take the server down: log it and keep serving.
process.on('uncaughtException', (e) => connection.console.error(`Charter: unexpected error: ${e.stack ?? e}`));
process.on('unhandledRejection', (e) => connection.console.error(`Charter: unexpected error: ${(e as Error)?.stack ?? e}`));

createServer(connection, nodeHost()).listen();
