export {};

declare global {
  interface Window {
    /**
     * Test hook: the console's current peer connection, so an end-to-end test can read getStats()
     * (frames decoded, bytes sent). Harmless: the page's own script could reach it anyway.
     */
    __tellerPeer?: RTCPeerConnection | null;
  }
}
