// ESLint's flat configuration for the site's own scripts (make lint). They are plain browser scripts,
// each an immediately invoked function that shares only what onpage.js puts on `window`.
const js = require("@eslint/js");
const globals = require("globals");

module.exports = [
  js.configs.recommended,
  {
    files: ["site_config/js/**/*.js"],
    languageOptions: {
      ecmaVersion: 2020,
      sourceType: "script",
      globals: {
        ...globals.browser,
        __md_set: "readonly",  // the theme's storage helper, which palette.js keeps using
      },
    },
    rules: {
      "no-unused-vars": ["error", { args: "none", caughtErrors: "none" }],
    },
  },
  {
    files: ["eslint.config.js"],
    languageOptions: { sourceType: "commonjs", globals: globals.node },
  },
];
