import type { infoId } from './info.id';

// English messages of the info flow: exactly the keys of `info.id.ts`.
export const infoEn: { readonly [K in keyof typeof infoId]: string } = {
  'info.title': 'Service Information',
  'info.hint': 'Touch a service to see its requirements, fee and processing time.',
  'info.loading': 'Loading the list of services, please wait…',
  'info.noCatalogue.title': 'Service information is not available yet',
  'info.noCatalogue.body': 'This kiosk has not received the list of services from the office yet.',
  'info.loadError.title': 'Service information cannot be shown',
  'info.loadError.body': 'Sorry, this kiosk has a problem at the moment.',
  'info.counter': 'Please come to the service counter. Our staff will gladly explain the requirements, fees and processing times.',
  'info.retry': 'Try again',

  'info.kind.izin': 'Permits',
  'info.kind.non-izin': 'Other services',
  'info.sla.days': '{n} working days',
  'info.sla.sameDay': 'Done on the spot',
  'info.free': 'Free',
  'info.contoh': 'EXAMPLE',
  'info.contoh.explain':
    'EXAMPLE means the information is only an example and has not been confirmed by the office yet. Please check with the staff at the service counter.',

  'info.search.label': 'Search services',
  'info.search.placeholder': 'Touch here to search, for example: pharmacy',
  'info.search.done': 'Done typing',
  'info.search.clear': 'Clear search',
  'info.search.found': '{n} services match "{query}"',
  'info.search.empty': 'No service matches "{query}".',
  'info.search.emptyHint': 'Try another word, or clear the search to see all services.',

  'info.page': 'Page {n} of {total}',
  'info.prev': 'Previous',
  'info.next': 'Next',

  'info.detail.time': 'Processing time',
  'info.detail.timeDays': '{n} working days, counted from when your documents are complete',
  'info.detail.timeSameDay': 'Done on the spot, on the day your documents are complete',
  'info.detail.fee': 'Fee',
  'info.detail.feeBasis': 'Regulation: {basis}',
  'info.detail.output': 'What you receive',
  'info.detail.channel': 'How to apply',
  'info.channel.sicantik': 'At this kiosk or at the DPMPTSP Kota Metro service counter.',
  'info.channel.oss':
    'Online by yourself through OSS (the national business licensing system). Staff at the counter can help.',
  'info.channel.simbg':
    'Online by yourself through SIMBG (the building approval system). Staff at the counter can help.',
  'info.portal': 'Address: {url}',
  'info.req.title': 'Documents to prepare',
  'info.req.mandatory': 'Needed from every applicant',
  'info.req.conditional': 'Only if it applies to you',
  'info.req.condition': 'If: {condition}',
  'info.req.optional': 'Optional',
  'info.req.none': 'No documents need to be prepared.',
  'info.procedure.title': 'Steps',
  'info.legal.title': 'Legal basis',
  'info.complaint.title': 'If you have a complaint',
  'info.complaint.default':
    'Tell us through Complaints on this kiosk or at the DPMPTSP Kota Metro complaints counter.',
  'info.updated': 'Information updated {date} · version {version}',
  'info.scrollHint': 'Swipe the screen up and down to read everything.',

  'info.apply': 'Apply for this',
  'info.applyPortal': 'See how to apply',
  'info.save': 'Save to phone',
  'info.qr.title': 'Save to phone',
  'info.qr.loading': 'Preparing the QR code, please wait…',
  'info.qr.hint': "Open your phone's camera and point it at this QR code. This service's information will open on your phone.",
  'info.qr.alt': "QR code of this service's information page",
  'info.qr.unavailable':
    'Sorry, the QR code is not available at this kiosk. You can take a photo of this screen with your phone, or ask the staff.',
  'info.qr.close': 'Close',
};
