// The strict Plotly bundle (no eval, so it runs under our CSP) ships no types; it has the API of plotly.js.
declare module 'plotly.js-strict-dist-min' {
  export * from 'plotly.js';
  import Plotly from 'plotly.js';
  export default Plotly;
}
