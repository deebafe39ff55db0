/** The console's entry point (index.html loads it): the shell element and its screens. */
import './app.js';
