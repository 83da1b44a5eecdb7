/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.tsx?$": ["ts-jest", { tsconfig: { module: "CommonJS", moduleResolution: "Node", jsx: "react-jsx" }, diagnostics: { ignoreCodes: [151002] } }],
  },
  moduleNameMapper: {
    // office-addin-mock reaches an ESM-only chain through office-addin-manifest; it only needs the OfficeApp enum.
    "^office-addin-manifest$": "<rootDir>/test/stubs/office-addin-manifest.js",
  },
  testTimeout: 60000,
};
