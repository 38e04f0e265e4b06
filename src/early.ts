// The page's first script: starts reading the last document (storage/earlyOpen.ts) while the app's code loads.
// Kept tiny on purpose: it must run long before the app's entry has been downloaded and evaluated.
import { startEarlyOpen } from './storage/earlyOpen';

startEarlyOpen();
