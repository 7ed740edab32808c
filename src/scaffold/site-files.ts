/** Every file `feedwright init` writes into a new site, with its text. */
import { makeSlug } from '../slug.js';
import { postDay, welcomePost } from './post-file.js';
import { publishWorkflow, WORKFLOW_PATH } from './publish-workflow.js';
import { configText, type SiteChoices, siteConfig } from './site-config.js';

export interface NewFile {
  /** Relative to the site's folder, `/`-separated. */
  path: string;
  content: string;
}

export interface SiteOptions extends SiteChoices {
  /** The folder's name: the npm package's name. */
  folderName: string;
  /** The feedwright version to depend on. */
  version: string;
  /** When the site is made: the example post's date (in the site's time zone). */
  now: Date;
  /** False when the folder has a package.json already (it is left as it is). */
  packageJson: boolean;
}

/** The site's files: config, an example post, public/, .gitignore, package.json, the workflow. */
export function siteFiles(options: SiteOptions): NewFile[] {
  const files: NewFile[] = [
    { path: 'feedwright.config.json', content: configText(siteConfig(options)) },
    {
      path: 'posts/welcome.md',
      content: welcomePost(options.title, postDay(options.now, options.timezone)),
    },
    // Dotfiles are never published: this only keeps the empty folder in git.
    { path: 'public/.gitkeep', content: '' },
    { path: '.gitignore', content: 'dist/\nnode_modules/\n' },
    { path: WORKFLOW_PATH, content: publishWorkflow() },
  ];
  if (options.packageJson) {
    files.push({ path: 'package.json', content: packageJson(options.folderName, options.version) });
  }
  return files;
}

/** A private package with feedwright as a dev dependency and scripts for each command. */
export function packageJson(folderName: string, version: string): string {
  const pkg = {
    name: makeSlug(folderName).slice(0, 214) || 'site',
    private: true,
    description: 'Feeds and pages built with feedwright',
    scripts: {
      build: 'feedwright build',
      check: 'feedwright check',
      serve: 'feedwright serve',
      new: 'feedwright new',
    },
    devDependencies: { feedwright: `^${version}` },
  };
  return `${JSON.stringify(pkg, null, 2)}\n`;
}
