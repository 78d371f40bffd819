import { type ReactNode } from "react";
import { DocsNav } from "@/components/docs-nav";
import { SiteFooter } from "@/components/site-footer";
import { SiteHeader } from "@/components/site-header";

export default function DocsLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col">
      <SiteHeader />
      <div className="mx-auto flex w-full max-w-6xl flex-1 gap-12 px-4 sm:px-6 lg:px-8">
        <aside className="hidden w-56 shrink-0 py-12 lg:block">
          <div className="sticky top-28">
            <DocsNav />
          </div>
        </aside>
        <main id="main" tabIndex={-1} className="min-w-0 flex-1 py-12 focus:outline-none lg:py-14">
          {children}
        </main>
      </div>
      <SiteFooter />
    </div>
  );
}
