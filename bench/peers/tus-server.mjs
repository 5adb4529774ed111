// The @tus/server peer for bench/run.sh: @tus/server + @tus/file-store (versions pinned in
// run.sh, installed into bench/.peers/), listening on 127.0.0.1 only, uploads under /files/.
//   TUS_PEERS=<dir with node_modules> TUS_DIR=<upload dir> TUS_PORT=<port> node tus-server.mjs
// Note: @tus/file-store writes with a plain fs write stream and never fsyncs, so an acknowledged
// byte may still be only in the page cache; videokit fsyncs each PATCH before answering.
const peers = process.env.TUS_PEERS;
const { Server } = await import(`${peers}/node_modules/@tus/server/dist/index.js`);
const { FileStore } = await import(`${peers}/node_modules/@tus/file-store/dist/index.js`);
const server = new Server({
  path: '/files',
  datastore: new FileStore({ directory: process.env.TUS_DIR }),
});
server.listen(Number(process.env.TUS_PORT), '127.0.0.1', () => {
  console.log(`tus server on 127.0.0.1:${process.env.TUS_PORT}`);
});
