// Worker threads start without the parent's TypeScript loader; register tsx here, then run the
// TypeScript worker. (Passing `--import tsx` in execArgv is not honoured by workers on Node 20.)
import { register } from "tsx/esm/api";

register();
await import("./backtest.worker.ts");
