// ESLint flat config: JS + TypeScript (type-aware), React (automatic JSX runtime),
// hooks, and jsx-a11y. Formatting is Prettier's job (`npm run lint` runs both).
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import jsxA11y from "eslint-plugin-jsx-a11y";
import globals from "globals";

export default tseslint.config(
  {
    ignores: [
      // vendored wasm-bindgen glue, copied byte for byte from @prisma/schema-engine-wasm: never edited by hand
      "scripts/db/lib/schema-engine-wasm-glue.mjs",
      "build/**",
      ".cache/**",
      "build-*/**",
      "app/generated/**",
      "coverage/**",
      "test-results/**",
      "playwright-report/**",
      "data/**",
      "node_modules/**",
      "public/build/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "module",
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // `_name` marks a deliberately unused argument or destructured rest sibling.
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
    },
  },
  // React code: the app and its components run in the browser too.
  {
    files: ["app/**/*.{ts,tsx}"],
    ...react.configs.flat.recommended,
    ...react.configs.flat["jsx-runtime"],
    plugins: { react, "react-hooks": reactHooks, "jsx-a11y": jsxA11y },
    languageOptions: {
      ...react.configs.flat.recommended.languageOptions,
      globals: { ...globals.browser, ...globals.node },
    },
    settings: { react: { version: "detect" } },
    rules: {
      ...react.configs.flat.recommended.rules,
      ...react.configs.flat["jsx-runtime"].rules,
      ...reactHooks.configs.flat["recommended-latest"].rules,
      "react-hooks/exhaustive-deps": "error",
      // Three React Compiler rules are off: the app does not use the compiler, and on React 18
      // they only flag correct code here: the "latest value in a ref" pattern (refs, purity:
      // live-updates.tsx, step-form.tsx) and resetting a form after its own save (profile.tsx).
      "react-hooks/refs": "off",
      "react-hooks/purity": "off",
      "react-hooks/set-state-in-effect": "off",
      ...jsxA11y.flatConfigs.recommended.rules,
      // TypeScript checks props; propTypes would duplicate it.
      "react/prop-types": "off",
      // A scrolling table's wrapper is a labelled region with tabIndex={0}, so that keyboard users
      // can scroll it (WCAG 2.1.1, axe's scrollable-region-focusable): allow tabIndex on "region".
      "jsx-a11y/no-noninteractive-tabindex": ["error", { tags: [], roles: ["tabpanel", "region"], allowExpressionValues: true }],
    },
  },
);
