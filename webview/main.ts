/** Entry of the plot panel's webview bundle (dist/webview/main.js): wires the app to VS Code. */
import { App, type VsCodeApi } from './app';

declare function acquireVsCodeApi(): VsCodeApi;

const root = document.getElementById('app');
if (root) new App(root, acquireVsCodeApi()).start();
