import type {StorybookConfig} from '@storybook/web-components-vite';

const config: StorybookConfig = {
  framework: {name: '@storybook/web-components-vite', options: {}},
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', '@storybook/addon-vitest'],
  core: {disableTelemetry: true},
  /**
   * The project's vite.config.ts builds a library (`build.lib`, externals in lib mode); Storybook
   * builds an app, so drop the library settings and keep the plugins and `define`.
   */
  viteFinal(config) {
    if (config.build) {
      delete config.build.lib;
      delete config.build.rolldownOptions;
      // Storybook writes the manager into the same folder first: do not empty it.
      config.build.emptyOutDir = false;
    }
    return config;
  },
};

export default config;
