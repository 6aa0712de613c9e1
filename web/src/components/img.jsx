// A server image with its size reserved (no layout shift) and lazy unless it is the first view.
export function Img({ image, alt, thumb = false, eager = false, class: cls, sizes }) {
  if (!image) return <div class={'img-placeholder ' + (cls || '')} role="img" aria-label={alt} />;
  return (
    <img
      class={cls}
      src={thumb ? image.thumb_url : image.url}
      srcset={thumb ? undefined : `${image.thumb_url} 400w, ${image.url} 1600w`}
      sizes={thumb ? undefined : sizes || '(min-width: 720px) 680px, 100vw'}
      width={image.width}
      height={image.height}
      alt={alt}
      loading={eager ? 'eager' : 'lazy'}
      decoding="async"
      fetchpriority={eager ? 'high' : undefined}
    />
  );
}
