// `npm start` after the build: serves the portal on http://localhost:3000 by default.
// adapter-node refuses form posts unless it knows its public origin (ORIGIN), so a local default is set here.
process.env.PORT ??= '3000';
process.env.ORIGIN ??= `http://localhost:${process.env.PORT}`;
console.log(`Starting the library portal on ${process.env.ORIGIN} (${process.env.DATABASE_URL ? 'PostgreSQL' : `embedded database in ${process.env.DATA_DIR ?? './data'}`})`);
// Resolved at run time, so type checking does not follow it into the generated build.
await import(new URL('../../build/index.js', import.meta.url).href);
