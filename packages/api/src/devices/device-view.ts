import type { Device } from '@confab/db';

export interface DeviceView {
  id: string;
  kind: Device['kind'];
  name: string;
  createdAt: string;
  lastPushAt: string | null;
  /** This is the device of the session asking. */
  current: boolean;
}

export function toDeviceView(device: Device, sessionId: string): DeviceView {
  return {
    id: device.id,
    kind: device.kind,
    name: device.name,
    createdAt: new Date(device.createdAt).toISOString(),
    lastPushAt: device.lastPushAt === null ? null : new Date(device.lastPushAt).toISOString(),
    current: device.sessionId === sessionId,
  };
}
