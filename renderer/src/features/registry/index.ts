/** The model registry pages, rendered by the app frame for the routes `models`, `model` and `version`. */
export { ModelsPage } from './models-page.js';
export { ModelPage } from './model-page.js';
export { VersionPage } from './version-page.js';
