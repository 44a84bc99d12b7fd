import { NodeHidTransport } from './hid-node-transport.ts';
import { SimulatedHidTransport } from './hid-simulated-transport.ts';
import type { HidEndpoint, HidTransport } from './hid-transport.ts';

/** The transport for a configured HID endpoint. */
export function createHidTransport(endpoint: HidEndpoint): HidTransport {
  if (endpoint.transport === 'simulated')
    return new SimulatedHidTransport({ socketPath: endpoint.socketPath });
  return new NodeHidTransport({
    vendorId: endpoint.vendorId,
    productId: endpoint.productId,
    ...(endpoint.path ? { path: endpoint.path } : {}),
  });
}
