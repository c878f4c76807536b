#!/usr/bin/env node
import { main } from './cli';

main(process.argv.slice(2), { out: (s) => console.log(s), err: (s) => console.error(s) }).then(
  (code) => process.exit(code),
  (e) => {
    console.error(e);
    process.exit(2);
  },
);
