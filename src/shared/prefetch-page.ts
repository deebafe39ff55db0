/** The script-tag bundle's first module: the content of the elements in the page starts loading now. */
import {prefetchContent} from './prefetch.js';

prefetchContent();
