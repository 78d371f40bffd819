import { Construction } from "lucide-react";
import { PageHeader } from "@/components/ui/panel";

type ComingSoonProps = {
  title: string;
  description: string;
  /** What the finished page will let people do. */
  planned: string[];
};

/** A console page that is not built yet, saying plainly what it will contain and what works today. */
export function ComingSoon({ title, description, planned }: ComingSoonProps) {
  return (
    <>
      <PageHeader title={title} description={description} />
      <section className="max-w-2xl rounded-xl border border-dashed border-slate-300 bg-white/60 p-6 dark:border-slate-700 dark:bg-slate-900/60">
        <div className="flex items-center gap-2">
          <Construction aria-hidden="true" className="size-5 text-brand-600 dark:text-brand-300" />
          <h2 className="text-sm font-semibold text-slate-900 dark:text-slate-100">Coming to this page</h2>
        </div>
        <ul className="mt-3 list-disc space-y-1.5 pl-5 text-sm leading-6 text-slate-700 marker:text-slate-400 dark:text-slate-300">
          {planned.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
        <p className="mt-4 text-sm text-slate-600 dark:text-slate-400">Until then, the same data is available through the API: see the docs.</p>
      </section>
    </>
  );
}
