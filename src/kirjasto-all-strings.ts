/**
 * kirjasto-all.js's first import: registers every element's strings, one module per language, so
 * that the elements' own setup (their define entry points) finds them registered and adds none.
 */
import {setupPage} from './generated/locales/all/setup.js';

setupPage();
