// Web worker running the metrics computation off the main thread.
import { createMetricsComputer, type MetricsRequest } from './metricsCompute';

const compute = createMetricsComputer();
self.onmessage = (e: MessageEvent<MetricsRequest>) => {
  self.postMessage(compute(e.data));
};
