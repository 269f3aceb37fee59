import Link from "next/link";

export function QueryErrorAlert({ message, resetHref }: { message: string; resetHref: string }) {
  return (
    <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
      <p>{message}</p>
      <Link href={resetHref} className="mt-1 inline-block font-medium underline">
        Clear filters
      </Link>
    </div>
  );
}
