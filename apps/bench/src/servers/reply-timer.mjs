// Preloaded (`--import`) into a benchmark server: times, inside the process, how long the server
// takes to answer, from the moment a socket's bytes are read to its next write on that socket.
// Loopback round trips on a small shared machine also contain the client's and the server's
// wake-ups, which dwarf a few microseconds of work; this isolates what the framework itself takes.
// Library-agnostic (node:net), so it times Lucent, LiveViewJS and bare `ws` alike. On SIGUSR2 the
// process prints `REPLY-TIMES [µs, ...]` on stdout and starts over.
import { Socket } from "node:net";

const READ_AT = Symbol("readAt");
const { emit, write } = Socket.prototype;
let samples = [];

Socket.prototype.emit = function (name, ...args) {
  if (name === "data") this[READ_AT] = process.hrtime.bigint();
  return emit.call(this, name, ...args);
};
Socket.prototype.write = function (...args) {
  const readAt = this[READ_AT];
  if (readAt !== undefined) {
    samples.push(Number(process.hrtime.bigint() - readAt) / 1000);
    this[READ_AT] = undefined;
  }
  return write.apply(this, args);
};
process.on("SIGUSR2", () => {
  process.stdout.write(`REPLY-TIMES ${JSON.stringify(samples)}\n`);
  samples = [];
});
